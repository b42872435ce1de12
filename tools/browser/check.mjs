// make check-browser: opens partnercheck's HTML reports in Debian's chromium
// (through puppeteer-core: no browser is downloaded) and fails on a console
// error, any request the page attempts, a page in quirks mode, script or
// event-handler markup that came from the input, or any axe-core violation
// of WCAG 2.2 AA.  Then it prints each page to an A4 PDF, checks the page
// count and that no table row is split across two pages (pdftotext), and
// saves a screenshot.
//
//   node check.mjs OUTDIR NAME=FILE.html[:MAXPAGES] ...
//   node check.mjs --screenshot OUT.png FILE.html   (make screenshots)
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
    scripts: document.querySelectorAll('script, iframe, object, embed, img').length,
    handlers: [...document.querySelectorAll('*')].filter((e) =>
      [...e.attributes].some((a) => a.name.startsWith('on'))).length,
    csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content || '',
  }));
  if (facts.mode !== 'CSS1Compat') problems.push(`quirks mode (${facts.mode})`);
  if (!facts.lang) problems.push('no lang on <html>');
  if (facts.scripts) problems.push(`${facts.scripts} script/embedded elements`);
  if (facts.handlers) problems.push(`${facts.handlers} elements with on* attributes`);
  if (!facts.csp.includes("default-src 'none'")) problems.push(`CSP missing: '${facts.csp}'`);

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
    .map((p) => p.replace(/\s+/g, ''));
  let split = 0;
  for (const t of rows.text) {
    const want = norm(t).split(' ').filter((w) => w);
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
    const [outdir, ...specs] = argv;
    let failed = 0;
    for (const spec of specs) {
      const [name, rest] = spec.split('=');
      const [file, max] = rest.split(':');
      const t0 = Date.now();
      const r = await checkPage(browser, outdir, name, file, Number(max || 50));
      r.secs = ((Date.now() - t0) / 1000).toFixed(1);
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
