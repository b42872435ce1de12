// make check-browser: opens partnercheck's HTML reports in Debian's chromium
// (through puppeteer-core: no browser is downloaded) and fails on a console
// error, any request the page attempts, a page in quirks mode, a policy
// (CSP) other than partnercheck's exact one, a script the policy does not
// name by its hash, embedded or event-handler markup that came from the
// input, or any axe-core violation of WCAG 2.2 AA.  A page with the table
// of every partner is sorted by its column buttons and filtered by status,
// and checked after each step.  Then it prints each page to an A4 PDF,
// checks the page count and that no table row is split across two pages
// (pdftotext), and saves a screenshot.
//
//   node check.mjs OUTDIR NAME=FILE.html[:MAXPAGES] ...
//   node check.mjs --expect REGEX OUTDIR NAME=FILE.html[:MAXPAGES]
//       the checks must find a problem matching REGEX on the page (a page
//       made bad on purpose, to show that the check can fail)
//   node check.mjs --screenshot OUT.png FILE.html   (make screenshots)
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// The policy every page carries (src/emit_html.h), and what a page with
// the sort script adds: that script's hash, and nothing else.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
const sha256 = (s) => createHash('sha256').update(s, 'utf8').digest('base64');

function launch() {
  return puppeteer.launch({
    executablePath,
    headless: true,
    // Root in CI has no user namespace for the sandbox.
    args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
  });
}

// Whitespace-normalised text, for comparing the PDF's words with the DOM's.
const norm = (s) => s.replace(/\s+/g, ' ').trim();
// What of a word the comparison can rely on: pdftotext joins a word
// hyphenated at a line's end (so "is -£12,000" broken after the minus
// reads "is £12,000"), and drops glyphs of fonts it cannot map (CJK,
// emoji).  Hyphens and everything past Latin are left out on both sides.
const solid = (s) => s.replace(/[^\u0021-\u024f]/gu, '').replace(/-/g, '');

// The table of every partner: each column button sorts (aria-sort says
// which way), the status filter hides the other rows and says how many
// are shown; the page ends as it began (input order, every row).
async function sortAndFilter(page, problems) {
  const state = () => page.evaluate(() => {
    const t = document.getElementById('all-table');
    return {
      ids: [...t.tBodies[0].rows].map((r) => r.cells[0].textContent),
      shown: [...t.tBodies[0].rows].filter((r) => !r.hidden).map((r) =>
        r.querySelector('.badge')?.className || ''),
      sort: [...t.tHead.rows[0].cells].map((th) => th.getAttribute('aria-sort')),
      buttons: t.tHead.querySelectorAll('th > button').length,
      heads: t.tHead.rows[0].cells.length,
      status: document.querySelector('.filter [role=status]')?.textContent || '',
      scores: [...t.tBodies[0].rows].map((r) =>
        r.cells[[...t.tHead.rows[0].cells].findIndex((th) =>
          th.textContent.trim() === 'Score')].textContent),
    };
  });
  const before = await state();
  if (before.buttons !== before.heads || !before.heads)
    return problems.push(`sort: ${before.buttons} buttons for ${before.heads} columns`);
  const click = (text) => page.evaluate((t) => [...document.querySelectorAll('#all-table th > button')]
    .find((b) => b.textContent.trim() === t).click(), text);
  const sorted = (a, cmp) => a.every((x, i) => i === 0 || cmp(a[i - 1], x) <= 0);
  const num = (s) => (Number.isNaN(parseFloat(s)) ? -1 : parseFloat(s));
  // the script's order: lowercased text, code point by code point
  const text = (x, y) => {
    const a = x.toLowerCase(), b = y.toLowerCase();
    return a > b ? 1 : a === b ? 0 : -1;
  };
  await click('ID');
  let s = await state();
  if (s.sort[0] !== 'ascending' || !sorted(s.ids, text))
    problems.push(`sort: ID ascending gave aria-sort ${s.sort[0]}, first ids ${s.ids.slice(0, 3)}`);
  await click('ID');
  s = await state();
  if (s.sort[0] !== 'descending' || !sorted(s.ids, (x, y) => text(y, x)))
    problems.push(`sort: ID descending gave aria-sort ${s.sort[0]}, first ids ${s.ids.slice(0, 3)}`);
  await click('Score');
  s = await state();
  if (s.sort[0] !== null || !sorted(s.scores.map(num), (x, y) => x - y))
    problems.push(`sort: Score ascending is not in order: ${s.scores.slice(0, 5)}`);
  await page.select('#status-filter', 'fail');
  s = await state();
  const fails = before.shown.filter((c) => c.includes('st-fail')).length;
  if (s.shown.length !== fails || s.shown.some((c) => !c.includes('st-fail')) ||
    !s.status.includes(`${fails} of ${before.ids.length}`))
    problems.push(`filter: fail shows ${s.shown.length} rows (${fails} fail), says '${s.status}'`);
  await page.select('#status-filter', 'any');
  s = await state();
  if (s.shown.length !== before.ids.length)
    problems.push(`filter: any shows ${s.shown.length} of ${before.ids.length} rows`);
  // back to input order (the print check reads the rows in it)
  await page.evaluate(() => {
    const b = document.getElementById('all-table').tBodies[0];
    [...b.rows].sort((x, y) => x.dataset.order - y.dataset.order).forEach((r) => b.appendChild(r));
  });
  return 0;
}

async function checkPage(browser, outdir, name, file, maxPages) {
  const problems = [];
  const url = pathToFileURL(path.resolve(file)).href;
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 1600 });
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.url() === url && req.isNavigationRequest()) return req.continue();
    problems.push(`request attempted: ${req.url().slice(0, 120)}`);
    return req.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url, { waitUntil: 'load' });

  const facts = await page.evaluate(() => ({
    mode: document.compatMode,
    lang: document.documentElement.lang,
    embedded: document.querySelectorAll('iframe, object, embed, img, link, base').length,
    scripts: [...document.querySelectorAll('script')].map((e) => e.textContent),
    handlers: [...document.querySelectorAll('*')].filter((e) =>
      [...e.attributes].some((a) => a.name.startsWith('on'))).length,
    csp: [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')]
      .map((m) => m.content),
    sortable: !!document.getElementById('all-table'),
  }));
  if (facts.mode !== 'CSS1Compat') problems.push(`quirks mode (${facts.mode})`);
  if (!facts.lang) problems.push('no lang on <html>');
  if (facts.embedded) problems.push(`${facts.embedded} embedded or linked elements`);
  if (facts.handlers) problems.push(`${facts.handlers} elements with on* attributes`);
  if (facts.scripts.length > 1) problems.push(`${facts.scripts.length} scripts, at most 1 expected`);
  const want = CSP + facts.scripts.map((t) => `; script-src 'sha256-${sha256(t)}'`).join('');
  if (facts.csp.length !== 1 || facts.csp[0] !== want)
    problems.push(`CSP is not exactly "${want}": ${JSON.stringify(facts.csp)}`);
  if (facts.sortable) await sortAndFilter(page, problems);

  // axe-core, evaluated through the DevTools protocol (the page's own CSP
  // forbids every script, as it should).
  await page.evaluate(axeSource);
  const axe = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    WCAG);
  for (const v of axe.violations)
    problems.push(`axe ${v.id} (${v.impact}): ${v.help}; ` +
      v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '));

  // Print: every row, card and figure must be kept whole.
  await page.emulateMediaType('print');
  const rows = await page.evaluate(() => {
    const bad = [...document.querySelectorAll('tr, .card, figure')]
      .filter((e) => getComputedStyle(e).breakInside !== 'avoid').length;
    // Every table row: some one PDF page must hold every word of it
    // (word by word: the PDF's reading order within a row, where cells
    // wrap, need not be the DOM's).  Text only for screen readers (.sr)
    // is not printed, so it is left out.
    const text = [...document.querySelectorAll('tbody tr')].map((tr) => {
      const c = tr.cloneNode(true);
      c.querySelectorAll('.sr').forEach((e) => e.remove());
      return [...c.cells].map((cell) => cell.textContent).join(' ');
    });
    return { bad, text };
  });
  if (rows.bad) problems.push(`${rows.bad} rows/cards/figures may break across pages`);
  const pdf = path.join(outdir, `${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())[1]);
  if (pages < 1 || pages > maxPages) problems.push(`${pages} PDF pages, expected 1..${maxPages}`);
  const pdfPages = execFileSync('pdftotext', [pdf, '-']).toString().split('\f')
    .map(solid);
  let split = 0;
  for (const t of rows.text) {
    const want = norm(t).split(' ').map(solid).filter((w) => w);
    if (want.length && !pdfPages.some((p) => want.every((w) => p.includes(w)))) {
      if (split++ < 3)
        problems.push(`table row not whole on one PDF page: '${norm(t).slice(0, 80)}'`);
    }
  }
  if (split > 3) problems.push(`... ${split} rows in all not whole on one page`);

  await page.emulateMediaType('screen');
  await page.screenshot({ path: path.join(outdir, `${name}.png`) });
  await page.close();
  return { problems, pages, rows: rows.text.length, bytes: readFileSync(file).length };
}

async function main() {
  const argv = process.argv.slice(2);
  const browser = await launch();
  try {
    if (argv[0] === '--screenshot') {
      const page = await browser.newPage();
      await page.setViewport({ width: 960, height: 1000 });
      await page.goto(pathToFileURL(path.resolve(argv[2])).href);
      await page.screenshot({ path: argv[1] });
      return 0;
    }
    let expect = null;
    if (argv[0] === '--expect') expect = new RegExp(argv.splice(0, 2)[1]);
    const [outdir, ...specs] = argv;
    let failed = 0;
    for (const spec of specs) {
      const [name, rest] = spec.split('=');
      const [file, max] = rest.split(':');
      const t0 = Date.now();
      const r = await checkPage(browser, outdir, name, file, Number(max || 50));
      r.secs = ((Date.now() - t0) / 1000).toFixed(1);
      if (expect) {
        // a page made bad on purpose: the check must have caught it
        const hit = r.problems.some((p) => expect.test(p));
        console.log(`${hit ? 'ok  ' : 'FAIL'} ${name}: expected a problem matching ${expect}` +
          `${hit ? ', found' : ', none found'}`);
        for (const p of r.problems) console.log(`     (${p})`);
        if (!hit) failed++;
        continue;
      }
      console.log(`${r.problems.length ? 'FAIL' : 'ok  '} ${name}: ${r.bytes} bytes, ` +
        `${r.pages} PDF pages, ${r.rows} rows checked whole, ${r.secs} s`);
      for (const p of r.problems) console.log(`     ${p}`);
      if (r.problems.length) failed++;
    }
    console.log(`${specs.length - failed} passed, ${failed} failed`);
    return failed ? 1 : 0;
  } finally {
    await browser.close();
  }
}

process.exitCode = await main();
