// Parses each TAP file named on the command line with tap-parser in strict
// mode and fails unless every one is TAP version 14, has a plan that
// matches its test points, and holds nothing the parser could not read
// (non-TAP lines, YAML blocks that do not parse).  Used by
// tools/check-ci-formats.sh with the tap-parser that tools/deps.sh installs.
'use strict';
const fs = require('fs');
const { Parser } = require('tap-parser');

let bad = 0;
for (const file of process.argv.slice(2)) {
	const problems = [];
	let version = null;
	const p = new Parser({ strict: true });
	p.on('version', (v) => { version = v; });
	p.on('extra', (line) => problems.push('not TAP: ' + JSON.stringify(line)));
	p.on('assert', (a) => {
		if (a.tapError)
			problems.push(a.tapError);
	});
	p.on('complete', (res) => {
		if (version !== 14)
			problems.push('not TAP version 14');
		if (!res.plan || res.plan.end !== res.count)
			problems.push('the plan does not match the ' + res.count + ' test points');
		for (const f of res.failures)
			if (f.tapError)
				problems.push(f.tapError);
	});
	p.end(fs.readFileSync(file));
	if (problems.length) {
		bad++;
		console.error(file + ': ' + problems.join('; '));
	}
}
if (bad)
	process.exit(1);
console.log('tap: ' + (process.argv.length - 2) + ' files parse as TAP version 14');
