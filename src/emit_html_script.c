#include <string.h>

#include "emit_html.h"
#include "sha256.h"

/*
 * The one script an HTML report carries: sorting and a status filter for
 * screen's table of every partner.  The page reads fully without it (the
 * table is in input order and complete); the script only adds buttons to
 * the column headings and a filter above the table.  The policy lets this
 * script run and no other, by its hash, so the hash is computed here from
 * the very text written.
 *
 * The report is polyglot HTML (make check-browser parses it as XML), so
 * the script holds no '<' and no '&', and no "</" that would end it.
 */
const char html_sort_script[] =
    "(function(){\n"
    "'use strict';\n"
    "var t=document.getElementById('all-table');\n"
    "if(!t||!t.tBodies.length)return;\n"
    "var body=t.tBodies[0],heads=t.tHead.rows[0].cells;\n"
    "var rows=Array.prototype.slice.call(body.rows);\n"
    "rows.forEach(function(r,i){r.dataset.order=i;});\n"
    "function key(r,c,num){\n"
    " var s=r.cells[c].textContent.trim();\n"
    " if(!num)return s.toLowerCase();\n"
    " var v=parseFloat(s);return isNaN(v)?-1:v;}\n"
    "function sortBy(c,th){\n"
    " var asc=th.getAttribute('aria-sort')!=='ascending';\n"
    " var num=th.classList.contains('num');\n"
    " Array.prototype.forEach.call(heads,function(h){"
    "h.removeAttribute('aria-sort');});\n"
    " th.setAttribute('aria-sort',asc?'ascending':'descending');\n"
    " rows.sort(function(a,b){\n"
    "  var x=key(a,c,num),y=key(b,c,num);\n"
    "  var d=x===y?a.dataset.order-b.dataset.order:(x>y?1:-1);\n"
    "  return asc||x===y?d:-d;});\n"
    " rows.forEach(function(r){body.appendChild(r);});}\n"
    "Array.prototype.forEach.call(heads,function(th,c){\n"
    " var b=document.createElement('button');\n"
    " b.type='button';\n"
    " while(th.firstChild)b.appendChild(th.firstChild);\n"
    " b.title='Sort by this column';\n"
    " th.appendChild(b);\n"
    " b.addEventListener('click',function(){sortBy(c,th);});});\n"
    "var col=-1;\n"
    "Array.prototype.forEach.call(heads,function(th,c){"
    "if(th.textContent==='Status')col=c;});\n"
    "if(col===-1)return;\n"
    "var p=document.createElement('p');p.className='filter';\n"
    "var l=document.createElement('label');l.htmlFor='status-filter';\n"
    "l.textContent='Show partners whose status is ';\n"
    "var s=document.createElement('select');s.id='status-filter';\n"
    "['any','fail','error','warn','pass'].forEach(function(v){\n"
    " var o=document.createElement('option');o.value=v;o.textContent=v;"
    "s.appendChild(o);});\n"
    "var n=document.createElement('span');n.setAttribute('role','status');\n"
    "function count(k){n.textContent=' '+k+' of '+rows.length+"
    "' partners shown';}\n"
    "s.addEventListener('change',function(){\n"
    " var k=0;\n"
    " rows.forEach(function(r){\n"
    "  var b=r.cells[col].querySelector('.badge');\n"
    "  var on=s.value==='any'||(b?b.classList.contains('st-'+s.value):false);\n"
    "  r.hidden=!on;if(on)k++;});\n"
    " count(k);});\n"
    "p.appendChild(l);p.appendChild(s);p.appendChild(n);\n"
    "t.parentNode.insertBefore(p,t);\n"
    "count(rows.length);\n"
    "})();\n";

/* The value of one lowercase hex digit. */
static unsigned
hex_digit(char c)
{
	return (unsigned)(c <= '9' ? c - '0' : c - 'a' + 10);
}

/* Appends the 44 characters of base64 (RFC 4648, padded) of the 32
 * bytes given as 64 lowercase hex digits. */
static void
add_base64_of_hex(strbuf *sb, const char *hex)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				     "abcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char raw[32];
	size_t i;

	for (i = 0; i < 32; i++)
		raw[i] = (unsigned char)(hex_digit(hex[2 * i]) << 4 |
					 hex_digit(hex[2 * i + 1]));
	for (i = 0; i < 32; i += 3) {
		size_t n = 32 - i < 3 ? 32 - i : 3;
		unsigned v = (unsigned)raw[i] << 16 |
			     (n > 1 ? (unsigned)raw[i + 1] << 8 : 0) |
			     (n > 2 ? (unsigned)raw[i + 2] : 0);

		sb_addc(sb, digits[v >> 18 & 63]);
		sb_addc(sb, digits[v >> 12 & 63]);
		sb_addc(sb, n > 1 ? digits[v >> 6 & 63] : '=');
		sb_addc(sb, n > 2 ? digits[v & 63] : '=');
	}
}

void
html_add_script_hash(strbuf *sb, const char *script)
{
	sha256_ctx c;
	char hex[65];

	sha256_init(&c);
	sha256_update(&c, script, strlen(script));
	sha256_hex(&c, hex);
	sb_adds(sb, "'sha256-");
	add_base64_of_hex(sb, hex);
	sb_addc(sb, '\'');
}
