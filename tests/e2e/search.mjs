// search.mjs: the search page in a real browser (JavaScript off): type a
// query into the search box of a public page, get results with the matches
// marked, narrow them by clicking a facet, page through, try hostile
// queries; axe-core on the results page; screenshots at desktop and phone
// width.  Prints "ok …" / "not ok …: why" lines.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, 'screenshots');
mkdirSync(shots, { recursive: true });
const base = process.argv[2];
let failed = 0;
const check = (name, cond, why = '') => {
	if (cond) console.log(`ok search/${name}`);
	else { failed++; console.log(`not ok search/${name}: ${why}`); }
};

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	       '--disable-background-networking', '--disable-component-update',
	       '--disable-sync', '--disable-dev-shm-usage'],
});
try {
	const ctx = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
	const page = await ctx.newPage();
	await page.goto(base + '/r/430104/');
	await page.fill('#top-q', '低保');
	await Promise.all([page.waitForNavigation(), page.click('form.top-search button')]);
	check('box goes to the results', page.url().includes('/search?q='), page.url());
	const heading = await page.textContent('#rh');
	const total = Number((heading.match(/([\d,]+)/) || ['0', '0'])[1].replace(/,/g, ''));
	check('results found', total > 10, heading);
	check('matches marked', (await page.locator('ol.hits mark').count()) > 0);
	await page.screenshot({ path: join(shots, '50-search-desktop.png'), fullPage: true });
	// a facet narrows the results
	const facet = page.locator('section[aria-label="按领域筛选"] a').first();
	await Promise.all([page.waitForNavigation(), facet.click()]);
	const heading2 = await page.textContent('#rh');
	const total2 = Number((heading2.match(/([\d,]+)/) || ['0', '0'])[1].replace(/,/g, ''));
	check('facet narrows', total2 > 0 && total2 <= total, `${total} → ${total2}`);
	// a result opens its page
	const first = page.locator('ol.hits li a').first();
	await Promise.all([page.waitForNavigation(), first.click()]);
	check('a result opens', /\/record\/\d+|\/r\/\d+\/i\/\d+\//.test(page.url()), page.url());
	// hostile queries: a page with a message or results, never an error page
	for (const q of ['"', '-', 'OR OR', '长'.repeat(300), '<script>alert(1)</script>']) {
		const resp = await page.goto(base + '/search?q=' + encodeURIComponent(q));
		const body = await page.content();
		check(`hostile ${JSON.stringify(q.slice(0, 10))}`,
		      resp.status() < 500 && !body.includes('<script>alert(1)</script>'),
		      `status ${resp.status()}`);
	}
	// accessibility of the results page
	const actx = await browser.newContext({ bypassCSP: true });
	const ap = await actx.newPage();
	await ap.goto(base + '/search?q=' + encodeURIComponent('最低生活保障'));
	await ap.addScriptTag({ content: require('axe-core').source });
	const res = await ap.evaluate(async () => await axe.run(document, { resultTypes: ['violations'] }));
	const bad = res.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
	check('a11y results page', bad.length === 0, bad.map(v => `${v.id} ${v.nodes[0].target}`).join('; '));
	// phone width
	const phone = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 },
						 deviceScaleFactor: 2, isMobile: true });
	const pp = await phone.newPage();
	await pp.goto(base + '/search?q=' + encodeURIComponent('低保'));
	const over = await pp.evaluate(() => document.documentElement.scrollWidth -
				       document.documentElement.clientWidth);
	check('no sideways scroll on a phone', over <= 1, `${over}px`);
	await pp.screenshot({ path: join(shots, '50-search-phone.png'), fullPage: true });
} catch (e) {
	failed++;
	console.log(`not ok search/exception: ${e.message.split('\n')[0]}`);
} finally {
	await browser.close();
}
process.exit(failed ? 1 : 0);
