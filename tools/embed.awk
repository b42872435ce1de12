# Turns a text file into a C string constant named by -v name=..., so that
# the binary carries the file byte for byte.
BEGIN { printf "/* generated from the rule file by tools/embed.awk; do not edit */\n"
	printf "const char %s[] =\n", name }
{
	# "&&": the matched backslash twice, in every awk (a literal "\\\\"
	# replacement means one backslash to mawk and two to others)
	gsub(/\\/, "&&"); gsub(/"/, "\\\""); gsub(/\t/, "\\t")
	printf "\t\"%s\\n\"\n", $0
}
END { printf "\t\"\";\n" }
