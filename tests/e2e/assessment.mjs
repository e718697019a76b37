// assessment.mjs: the browser acceptance test of assessment (考核, issue 7
// parts 4 and 5).
//
//   node tests/e2e/assessment.mjs http://127.0.0.1:PORT
//
// Against the Changsha demo (tests/e2e/run.sh starts it), JavaScript OFF
// (the pages must work without it), by clicking and typing like a person:
//
//   yl_office (岳麓区政务公开办) opens 考核, first uploads a table whose
//   totals do not add up (refused, the row and the sums named, nothing
//   imported), then the Yuelu table of seed 004
//   (data/assessment/yuelu-2021.csv): the list shows 街道（镇） 100 分、区直
//   相关部门 100 分；加分项最多 5 分, the table's page the same sums, and its
//   .xlsx export downloads; creates 2021年度 round over Yuelu's streets and
//   departments; 按平台数据评分: on 望月湖街道's sheet every automatic score
//   equals points × num / den of the figure shown beside it; scores the
//   manual lines of 望月湖街道, first a deduction without a reason (refused,
//   what was typed kept), then with it;
//   wyh_editor (望月湖街道's 信息员) sees the round, uploads a PDF of
//   evidence for line 1 and responds; the form is gone afterwards (once);
//   yl_office tries to finalise (refused: lines unscored, listed), scores
//   the manual lines of every other unit, finalises, and exports the
//   ranking: the .xlsx download is a workbook with a sheet per target type
//   and the details with every figure; the charts page shows the scores by
//   unit, coverage by domain, findings over time and the map, each <svg
//   role="img"> with a <title> and a table beside it;
//   the public 专栏统计 page of 岳麓区 shows coverage by domain.
//
// axe-core (JavaScript on) checks the pages; screenshots at desktop and
// phone width go to tests/e2e/screenshots/7x-…; at phone width nothing
// scrolls sideways.  Prints "ok NAME" / "not ok NAME: why" and "# …";
// exits 1 on a failure.

import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const shots = join(here, 'screenshots');
const base = (process.argv[2] || '').replace(/\/+$/, '');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic',
	'--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const PEOPLE = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
	isMobile: true, hasTouch: true, ...PEOPLE };
const DESKTOP = { viewport: { width: 1280, height: 800 }, ...PEOPLE };

const DEMO_PASSWORD = process.env.GONGKAI_DEMO_PASSWORD || 'Demo-Pass-2026';
const NEW_PASSWORD = 'Kaohe-Pingfen-2026!';
const TABLE_NAME = '岳麓区基层政务公开标准化规范化工作考核指标';
const TOTALS = '街道（镇） 100 分、区直相关部门 100 分；加分项最多 5 分';
const ROUND = '2021年度基层政务公开考核（浏览器测试）';
const STREET = '望月湖街道办事处';
const RESPONSE = '第1项：本街道已明确专门工作人员，见上传的任命文件，请复核。';

/* --- reporting ----------------------------------------------------------- */

let failed = 0;
const oneLine = s => String(s).replace(/\s+/g, ' ').trim().slice(0, 500);
function ok(name) { console.log(`ok assessment/${name}`); }
function notOk(name, why) {
	failed++;
	console.log(`not ok assessment/${name}: ${oneLine(why)}`);
}
function note(s) { console.log(`# ${oneLine(s)}`); }
function check(name, cond, why = '') {
	if (cond) ok(name); else notOk(name, why);
	return !!cond;
}
class Stop extends Error {}
function must(name, cond, why) {
	if (!check(name, cond, why))
		throw new Stop(`${name} failed`);
}
async function step(name, fn) {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof Stop)
			throw e;
		notOk(name, e && e.message ? e.message.split('\n')[0] : e);
		return undefined;
	}
}

/* --- page helpers ---------------------------------------------------------- */

const status = r => r ? r.status() : 0;
const path = page => new URL(page.url()).pathname;

async function follow(page, locator) {
	const nav = page.waitForNavigation({ waitUntil: 'load', timeout: 20000 });
	nav.catch(() => {});
	await locator.click({ timeout: 10000 });
	return await nav;
}
const button = (page, name) => page.getByRole('button', { name, exact: true });
const text = async loc => (await loc.innerText({ timeout: 5000 }))
	.replace(/\s+/g, ' ').trim();
async function errorsShown(page) {
	return (await page.locator('main .notice.error').allInnerTexts())
		.join(' ').replace(/\s+/g, ' ').trim();
}
async function noticeShown(page) {
	return (await page.locator('main .notice.ok').allInnerTexts())
		.join(' ').replace(/\s+/g, ' ').trim();
}

async function shoot(page, file) {
	try {
		await page.screenshot({ path: join(shots, file), fullPage: true,
			timeout: 20000 });
	} catch (e) {
		note(`screenshot ${file} failed: ${e.message}`);
	}
}

async function noOverflow(page, name) {
	await step(name, async () => {
		const m = await page.evaluate(() => ({
			sw: document.documentElement.scrollWidth,
			iw: Math.min(window.innerWidth,
				     document.documentElement.clientWidth),
		}));
		check(name, m.sw <= m.iw + 1, `${page.url()} scrolls sideways: ` +
		      `scrollWidth ${m.sw} > width ${m.iw}`);
	});
}

/* The same page at phone width (cookies of 'ctx'): photographed, and
 * nothing scrolls sideways. */
async function atPhone(browser, ctx, url, key, file) {
	await step(`${key}/phone`, async () => {
		const phone = await newContext(browser, { ...PHONE,
			storageState: await ctx.storageState() });
		try {
			const page = await phone.newPage();
			const r = await page.goto(url, { waitUntil: 'load' });
			check(`${key}/phone`, status(r) === 200, `${url}: ${status(r)}`);
			await noOverflow(page, `${key}/phone-no-sideways-scroll`);
			await shoot(page, file);
		} finally {
			await phone.close();
		}
	});
}

function tinyPdf() {
	const content = 'BT /F1 18 Tf 20 40 Td (Renming wenjian) Tj ET\n';
	const objs = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] ' +
		'/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${content.length} >>\nstream\n${content}endstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let out = '%PDF-1.4\n';
	const offsets = [];
	objs.forEach((o, i) => {
		offsets.push(out.length);
		out += `${i + 1} 0 obj\n${o}\nendobj\n`;
	});
	const xref = out.length;
	out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
	for (const off of offsets)
		out += `${String(off).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\n` +
		`startxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

/* The files of a zip (an .xlsx): name → Buffer, from the central
 * directory. */
function unzip(buf) {
	const out = {};
	let eocd = buf.length - 22;
	while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50)
		eocd--;
	if (eocd < 0)
		throw new Error('not a zip file');
	const n = buf.readUInt16LE(eocd + 10);
	let p = buf.readUInt32LE(eocd + 16);
	for (let i = 0; i < n; i++) {
		const method = buf.readUInt16LE(p + 10);
		const csize = buf.readUInt32LE(p + 20);
		const nlen = buf.readUInt16LE(p + 28);
		const xlen = buf.readUInt16LE(p + 30);
		const clen = buf.readUInt16LE(p + 32);
		const local = buf.readUInt32LE(p + 42);
		const name = buf.subarray(p + 46, p + 46 + nlen).toString('utf8');
		const lstart = local + 30 + buf.readUInt16LE(local + 26) +
			buf.readUInt16LE(local + 28);
		const data = buf.subarray(lstart, lstart + csize);
		out[name] = method === 8 ? inflateRawSync(data) : data;
		p += 46 + nlen + xlen + clen;
	}
	return out;
}

const server5xx = [];
async function newContext(browser, opts = {}) {
	const ctx = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false,
		acceptDownloads: true, ...opts });
	ctx.on('response', r => {
		if (r.status() >= 500)
			server5xx.push(`${r.request().method()} ${r.url()} → ${r.status()}`);
	});
	return ctx;
}

/* axe-core on a page (JavaScript on, cookies of 'from'). */
let axeSource;
async function a11y(browser, name, from, url) {
	const label = `a11y/${name}`;
	await step(label, async () => {
		axeSource = axeSource || require('axe-core').source;
		const ctx = await newContext(browser, { javaScriptEnabled: true,
			bypassCSP: true,
			...(from ? { storageState: await from.storageState() } : {}) });
		try {
			const page = await ctx.newPage();
			page.setDefaultTimeout(20000);
			await page.goto(url, { waitUntil: 'load' });
			await page.addScriptTag({ content: axeSource });
			const res = await page.evaluate(() =>
				window.axe.run(document, { resultTypes: ['violations'] }));
			const bad = res.violations.filter(v => v.impact === 'serious' ||
							   v.impact === 'critical');
			for (const v of res.violations)
				if (!bad.includes(v))
					note(`${label}: ${v.id} (${v.impact}) ${v.help} ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
			check(label, bad.length === 0, bad.map(v =>
				`${v.id} (${v.impact}) ${v.nodes[0].target.join(' ')}`)
				.join('; '));
		} finally {
			await ctx.close();
		}
	});
}

/* --- signing in -------------------------------------------------------------- */

/* Passwords other browser tests set for the demo accounts (they run first
 * against the same server), then ours. */
function knownPasswords() {
	const out = [];
	for (const f of readdirSync(here).filter(f => f.endsWith('.mjs'))) {
		const m = /NEW_PASSWORD\s*=\s*'([^']+)'/.exec(
			readFileSync(join(here, f), 'utf8'));
		if (m && !out.includes(m[1]) && m[1] !== NEW_PASSWORD)
			out.push(m[1]);
	}
	return [NEW_PASSWORD, ...out];
}

async function loginForm(page, username, password) {
	await page.getByLabel('用户名', { exact: true }).fill(username);
	await page.getByLabel('密码', { exact: true }).fill(password);
	return await follow(page, button(page, '登录'));
}

async function signIn(browser, username) {
	const ctx = await newContext(browser);
	const page = await ctx.newPage();
	page.setDefaultTimeout(15000);
	await page.goto(`${base}/admin/login`, { waitUntil: 'load' });
	let r = await loginForm(page, username, DEMO_PASSWORD);
	if (path(page) === '/admin/password') {
		await page.getByLabel('原密码', { exact: true }).fill(DEMO_PASSWORD);
		await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
		await page.getByLabel('再次输入新密码', { exact: true }).fill(NEW_PASSWORD);
		await follow(page, button(page, '修改密码'));
		r = await loginForm(page, username, NEW_PASSWORD);
	} else if (path(page) === '/admin/login') {
		note(`${username}: the demo password is refused; trying those other tests set`);
		for (const pw of knownPasswords()) {
			r = await loginForm(page, username, pw);
			if (path(page) !== '/admin/login')
				break;
		}
	}
	must(`${username}/signs-in`, status(r) === 200 && path(page) === '/admin/',
	     `signing in led to ${page.url()} (${status(r)})`);
	return { ctx, page };
}

/* --- the office ------------------------------------------------------------- */

const st = {};

async function officeImports(page) {
	const r = await follow(page, page.locator('nav.admin-menu a', { hasText: '考核' }));
	must('office/menu', status(r) === 200 && path(page) === '/admin/assessment',
	     `the 考核 menu entry led to ${page.url()} (${status(r)})`);
	await shoot(page, '70-assessment-empty-desktop.png');

	/* a table whose sums are wrong is refused whole */
	const yuelu = readFileSync(join(root, 'data', 'assessment', 'yuelu-2021.csv'),
				   'utf8');
	const bad = yuelu.replace('街道（镇） 10分 区直相关部门 20分,提交文字材料、网页截图',
				  '街道（镇） 10分 区直相关部门 21分,提交文字材料、网页截图');
	await page.getByLabel('考核指标表（.xlsx 或 .csv）').setInputFiles({
		name: '分值不符.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
	const rb = await follow(page, button(page, '导入考核指标'));
	await step('office/bad-table-refused', async () => {
		const e = await errorsShown(page);
		check('office/bad-table-refused', status(rb) === 400 && e.includes(
			'分值不符.csv:分值不符: 「区直相关部门」各项分值合计 101 分，与说明中的' +
			'基准分 100 分不符') &&
		      !(await page.locator('main table a', { hasText: TABLE_NAME }).count()),
		      `status ${status(rb)}, errors "${e}"`);
	});
	await shoot(page, '71-assessment-bad-table-desktop.png');

	await page.getByLabel('考核指标表（.xlsx 或 .csv）').setInputFiles(
		join(root, 'data', 'assessment', 'yuelu-2021.csv'));
	const ri = await follow(page, button(page, '导入考核指标'));
	must('office/table-imported', status(ri) === 200 &&
	     (await noticeShown(page)).includes('考核指标已导入'),
	     `importing led to ${page.url()} (${status(ri)}): ${await errorsShown(page)}`);
	const row = page.locator('main section[aria-labelledby="tables"] tbody tr').first();
	await step('office/table-totals', async () => {
		const t = await text(row);
		check('office/table-totals', t.includes(TABLE_NAME) && t.includes(TOTALS),
		      `the tables list shows "${t}"`);
	});
	const rt = await follow(page, row.locator('a', { hasText: TABLE_NAME }));
	must('office/table-page', status(rt) === 200 &&
	     /^\/admin\/assessment\/tables\/\d+$/.test(path(page)),
	     `the table's link led to ${page.url()} (${status(rt)})`);
	await step('office/table-page-sums', async () => {
		const foot = await text(page.locator('main table tfoot'));
		const lines = await page.locator('main table tbody tr:not(.group)').count();
		check('office/table-page-sums', foot.includes('100') &&
		      foot.replace(/[^\d ]/g, '').trim().split(/\s+/).join(' ') === '100 100' &&
		      lines === 25, `the footer says "${foot}", ${lines} lines`);
	});
	await shoot(page, '72-assessment-table-desktop.png');
	await step('office/table-export-xlsx', async () => {
		const dl = page.waitForEvent('download', { timeout: 15000 });
		await page.locator('main a', { hasText: 'Excel' }).first().click();
		const d = await dl;
		const buf = readFileSync(await d.path());
		const z = unzip(buf);
		const strings = (z['xl/sharedStrings.xml'] || '').toString();
		check('office/table-export-xlsx', buf.subarray(0, 2).toString() === 'PK' &&
		      strings.includes(TABLE_NAME) && strings.includes('考核对象及分值'),
		      `download "${d.suggestedFilename()}", ${buf.length} bytes`);
	});
}

async function officeCreatesRound(page) {
	await page.goto(`${base}/admin/assessment`, { waitUntil: 'load' });
	await page.getByLabel('名称', { exact: true }).fill(ROUND);
	await page.getByLabel('考核期间（开始）').fill('2021-01-01');
	await page.getByLabel('考核期间（结束）').fill('2021-12-31');
	await step('office/default-targets', async () => {
		const checked = await page.locator('#f-units input[type=checkbox]:checked')
			.evaluateAll(els => els.map(e => e.labels[0].textContent.trim()));
		check('office/default-targets', checked.includes(STREET) &&
		      checked.includes('岳麓区民政局') && !checked.includes('岳麓区人民政府') &&
		      !checked.some(n => n.includes('政务公开办') || n.includes('委员会')),
		      `checked by default: ${checked.join('、')}`);
	});
	await shoot(page, '73-assessment-new-round-desktop.png');
	const r = await follow(page, button(page, '新建考核'));
	must('office/round-created', status(r) === 200 &&
	     /^\/admin\/assessment\/rounds\/\d+$/.test(path(page)) &&
	     (await noticeShown(page)).includes('已新建考核'),
	     `creating led to ${page.url()} (${status(r)}): ${await errorsShown(page)}`);
	st.roundUrl = page.url().replace(/\?.*$/, '');
	const ra = await follow(page, button(page, '按平台数据评分'));
	must('office/auto-scored', status(ra) === 200 &&
	     (await noticeShown(page)).includes('已按平台数据评分'),
	     `scoring led to ${page.url()} (${status(ra)}): ${await errorsShown(page)}`);
	await step('office/ranking-chart', async () => {
		const svg = page.locator('main svg.chart[role="img"]');
		const titles = await svg.locator('title[id]').allTextContents();
		check('office/ranking-chart', await svg.count() === 2 &&
		      titles.includes('街道（镇）排名总分') &&
		      await page.locator('main table caption', { hasText: '街道（镇）排名' }).count() === 1,
		      `charts: ${titles.join(', ')}`);
	});
	await shoot(page, '74-assessment-round-desktop.png');
}

/* The manual lines of the open unit sheet: fill every empty score with
 * its full points (0 on the bonus line), except what 'except' sets. */
async function fillFull(page, except = {}) {
	const inputs = page.locator('main input.score');
	const n = await inputs.count();
	for (let i = 0; i < n; i++) {
		const el = inputs.nth(i);
		const label = await el.getAttribute('aria-label');
		const m = /^第(\d+)项得分（满分 ([\d.]+) 分）$/.exec(label || '');
		if (!m)
			continue;
		const row = el.locator('xpath=ancestor::tr[1]');
		const bonus = (await row.innerText()).includes('加分项');
		if (except[m[1]] !== undefined) {
			await el.fill(except[m[1]].score);
			await page.getByLabel(`第${m[1]}项评语（扣分须写明理由）`)
				.fill(except[m[1]].comment);
		} else if (!(await el.inputValue())) {
			await el.fill(bonus ? '0' : m[2]);
		}
	}
	return n;
}

/* Each automatic score equals points × num / den of its figure. */
async function automaticTraceable(page, name) {
	await step(name, async () => {
		const rows = await page.locator('main table.assess-sheet tbody tr')
			.filter({ hasText: '平台数据' }).allInnerTexts();
		const bad = [], seen = [];
		for (const t of rows) {
			const fig = /(\d+)\/(\d+) = [\d.]+%.*按本项 ([\d.]+) 分折算 ([\d.]+) 分/.exec(t);
			if (!fig)
				continue;
			const [num, den, points, score] = fig.slice(1).map(Number);
			const want = Math.floor((num * Math.round(points * 100) * 2 + den) /
						(2 * den)) / 100;
			seen.push(`${num}/${den}×${points}=${score}`);
			if (Math.abs(want - score) > 1e-9)
				bad.push(`${num}/${den} of ${points} is ${want}, shown ${score}`);
		}
		check(name, seen.length >= 2 && !bad.length,
		      bad.length ? bad.join('; ') : `only ${seen.length} figures: ${seen}`);
		note(`automatic scores of ${STREET}: ${seen.join(', ')}`);
	});
}

async function officeScoresStreet(page) {
	await page.goto(st.roundUrl, { waitUntil: 'load' });
	const r = await follow(page, page.locator('main table a', { hasText: STREET }).first());
	must('office/street-sheet', status(r) === 200 &&
	     /\/units\/\d+$/.test(path(page)), `the unit link led to ${page.url()}`);
	st.streetUrl = page.url().replace(/\?.*$/, '');
	await step('office/coverage-figure', async () => {
		const t = await text(page.locator('main table.assess-sheet tbody tr')
			.filter({ hasText: '线上专栏各领域二级目录' }));
		check('office/coverage-figure', /平台数据 二级事项覆盖率 \d+\/\d+ = [\d.]+%/.test(t),
		      `line 17 shows "${t}"`);
	});
	await automaticTraceable(page, 'office/automatic-traceable');
	/* a deduction without its reason is refused; what was typed stays */
	await fillFull(page, { 1: { score: '3.5', comment: '' } });
	const rr = await follow(page, button(page, '保存评分'));
	await step('office/deduction-needs-reason', async () => {
		const e = await errorsShown(page);
		const kept = await page.getByLabel('第1项得分（满分 4 分）').inputValue();
		check('office/deduction-needs-reason', status(rr) === 400 &&
		      e.includes('得分 3.5 分低于满分 4 分，请在评语中写明扣分理由') &&
		      kept === '3.5', `status ${status(rr)}, errors "${e}", kept "${kept}"`);
	});
	await shoot(page, '75-assessment-sheet-refused-desktop.png');
	await fillFull(page, { 1: { score: '3.5', comment: '未明确专门工作人员（经费）' } });
	const rs = await follow(page, button(page, '保存评分'));
	must('office/street-scored', status(rs) === 200 &&
	     (await noticeShown(page)).includes('评分已保存'),
	     `saving led to ${page.url()} (${status(rs)}): ${await errorsShown(page)}`);
	await step('office/street-complete', async () => {
		const t = await text(page.locator('main p.total'));
		check('office/street-complete', /已评 23\/23 项/.test(t), t);
	});
	await shoot(page, '76-assessment-sheet-desktop.png');
}

async function unitResponds(browser) {
	const { ctx, page } = await signIn(browser, 'wyh_editor');
	try {
		const r = await follow(page, page.locator('nav.admin-menu a', { hasText: '考核' }));
		must('unit/rounds', status(r) === 200 &&
		     await page.locator('main section[aria-labelledby="mine"] a',
					{ hasText: ROUND }).count() === 1,
		     `the unit's 考核 page (${status(r)}) does not list the round`);
		const rs = await follow(page, page.locator('main section[aria-labelledby="mine"] a',
							    { hasText: ROUND }));
		must('unit/sheet', status(rs) === 200 && page.url().replace(/\?.*$/, '') ===
		     st.streetUrl, `the round led to ${page.url()}`);
		await step('unit/no-scoring-form', async () => {
			check('unit/no-scoring-form', !(await page.locator('main input.score').count()),
			      'the unit sees score inputs');
		});
		await page.getByLabel('第1项材料类型').selectOption({ label: '材料' });
		await page.getByLabel('第1项证明材料').setInputFiles({
			name: '专门工作人员任命文件.pdf', mimeType: 'application/pdf',
			buffer: tinyPdf() });
		const form = page.getByLabel('第1项证明材料').locator('xpath=ancestor::form[1]');
		const ru = await follow(page, form.getByRole('button', { name: '上传' }));
		await step('unit/evidence-uploaded', async () => {
			const cell = await text(page.locator('main table.assess-sheet tbody tr')
				.filter({ hasText: '明确部门（单位）责任领导' }));
			check('unit/evidence-uploaded', status(ru) === 200 &&
			      (await noticeShown(page)).includes('证明材料已上传') &&
			      cell.includes('专门工作人员任命文件.pdf'),
			      `status ${status(ru)}: ${await errorsShown(page)} / ${cell}`);
		});
		await step('unit/evidence-downloads', async () => {
			const a = page.locator('main a', { hasText: '专门工作人员任命文件.pdf' });
			const href = new URL(await a.getAttribute('href'), page.url()).href;
			const res = await page.request.get(href);
			const body = await res.body();
			check('unit/evidence-downloads', res.status() === 200 &&
			      body.subarray(0, 5).toString() === '%PDF-',
			      `${href}: ${res.status()}`);
		});
		await page.getByLabel('对评分的意见').fill(RESPONSE);
		await shoot(page, '77-assessment-unit-desktop.png');
		const rp = await follow(page, button(page, '提交意见'));
		await step('unit/responded-once', async () => {
			const t = await text(page.locator('main section[aria-labelledby="response"]'));
			check('unit/responded-once', status(rp) === 200 &&
			      (await noticeShown(page)).includes('意见已提交') &&
			      t.includes(RESPONSE) && !(await page.getByLabel('对评分的意见').count()),
			      `status ${status(rp)}: ${t}`);
		});
		await shoot(page, '78-assessment-responded-desktop.png');
		await atPhone(browser, ctx, st.streetUrl, 'unit/sheet',
			      '78-assessment-responded-phone.png');
		await a11y(browser, 'unit-sheet', ctx, st.streetUrl);
	} finally {
		await ctx.close();
	}
}

async function officeFinalises(browser, ctx, page) {
	await page.goto(st.roundUrl, { waitUntil: 'load' });
	const rf = await follow(page, button(page, '定稿'));
	await step('office/finalise-waits', async () => {
		const e = await errorsShown(page);
		check('office/finalise-waits', status(rf) === 400 &&
		      e.includes('尚未评分') && e.includes('全部评分后才能定稿'),
		      `status ${status(rf)}, "${e.slice(0, 200)}"`);
	});
	await shoot(page, '79-assessment-finalise-refused-desktop.png');
	await page.goto(st.roundUrl, { waitUntil: 'load' });
	const units = await page.locator('main table tbody th a').evaluateAll(
		as => as.map(a => a.href));
	for (const url of units) {
		if (url.replace(/\?.*$/, '') === st.streetUrl)
			continue;
		await page.goto(url, { waitUntil: 'load' });
		await fillFull(page);
		const r = await follow(page, button(page, '保存评分'));
		if (!check(`office/scored-${units.indexOf(url)}`, status(r) === 200,
			   `${url}: ${status(r)} ${await errorsShown(page)}`))
			return;
	}
	await page.goto(st.roundUrl, { waitUntil: 'load' });
	await step('office/response-listed', async () => {
		const t = await text(page.locator('main table tbody tr', { hasText: STREET }));
		check('office/response-listed', t.includes('已提出'), t);
	});
	const rf2 = await follow(page, button(page, '定稿'));
	must('office/finalised', status(rf2) === 200 &&
	     (await noticeShown(page)).includes('考核已定稿') &&
	     !(await button(page, '按平台数据评分').count()),
	     `finalising led to ${page.url()} (${status(rf2)}): ${await errorsShown(page)}`);
	await step('office/ranking-complete', async () => {
		const rows = await page.locator('main table tbody tr').allInnerTexts();
		const incomplete = rows.filter(t => {
			const m = /(\d+)\/(\d+) 项/.exec(t);
			return !m || m[1] !== m[2];
		});
		check('office/ranking-complete', rows.length >= 10 && !incomplete.length,
		      `${rows.length} rows, incomplete: ${incomplete.join(' | ')}`);
	});
	await shoot(page, '7a-assessment-final-desktop.png');
	await atPhone(browser, ctx, st.roundUrl, 'office/round',
		      '7a-assessment-final-phone.png');

	/* the ranking, as a person downloads it */
	await step('office/ranking-xlsx', async () => {
		const dl = page.waitForEvent('download', { timeout: 20000 });
		await page.getByRole('link', { name: '导出排名（Excel）' }).click();
		const d = await dl;
		const buf = readFileSync(await d.path());
		const z = unzip(buf);
		const book = (z['xl/workbook.xml'] || '').toString();
		const strings = (z['xl/sharedStrings.xml'] || '').toString();
		const sheets = [...book.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map(m => m[1]);
		check('office/ranking-xlsx', buf.subarray(0, 2).toString() === 'PK' &&
		      /\.xlsx$/.test(d.suggestedFilename()) &&
		      sheets.join(',') === '街道（镇）,区直相关部门,评分明细' &&
		      strings.includes(STREET) && strings.includes('按时公开') &&
		      strings.includes('未明确专门工作人员（经费）') &&
		      strings.includes(RESPONSE),
		      `"${d.suggestedFilename()}": sheets ${sheets.join(',')}, ` +
		      `${buf.length} bytes`);
	});
}

async function officeCharts(browser, ctx, page) {
	const url = `${st.roundUrl.replace(/\/rounds\/(\d+)$/, '/charts?round=$1')}`;
	/* a self-check run, so that there are findings to draw over time */
	let checked = false;
	await step('charts/self-check', async () => {
		await page.goto(`${base}/admin/check`, { waitUntil: 'load' });
		const run = button(page, '立即自查（不检查链接）');
		if (!await run.count())
			return note('no self-check button on /admin/check: findings chart not drawn');
		const rr = await follow(page, run);
		checked = status(rr) === 200;
		check('charts/self-check', checked, `${page.url()}: ${status(rr)}`);
	});
	const r = await page.goto(url, { waitUntil: 'load' });
	must('charts/page', status(r) === 200, `${url}: ${status(r)}`);
	await step('charts/each-has-title-and-table', async () => {
		const info = await page.evaluate(() => [...document.querySelectorAll(
			'main svg.chart')].map(svg => ({
			role: svg.getAttribute('role'),
			title: (svg.querySelector('title') || {}).textContent || '',
			table: !!svg.parentElement.querySelector('table'),
		})));
		const bad = info.filter(c => c.role !== 'img' || !c.title || !c.table);
		const titles = info.map(c => c.title);
		check('charts/each-has-title-and-table', info.length >= (checked ? 4 : 3) &&
		      !bad.length && titles.includes('街道（镇）得分') &&
		      titles.includes('区直相关部门得分') &&
		      titles.some(t => t.includes('各领域二级事项覆盖率')) &&
		      (!checked || titles.includes('历次自查发现的问题数')),
		      `charts: ${JSON.stringify(info).slice(0, 400)}`);
	});
	await step('charts/map-by-score', async () => {
		const map = page.locator('main figure.map-score svg.gk-map');
		const t = await text(page.locator('main section[aria-labelledby="map"] table'));
		check('charts/map-by-score', await map.count() === 1 && /岳麓区 \d+(\.\d)?%/.test(t),
		      `map ${await map.count()}, table "${t.slice(0, 200)}"`);
	});
	await shoot(page, '7b-assessment-charts-desktop.png');
	await atPhone(browser, ctx, url, 'charts', '7b-assessment-charts-phone.png');
	const rc = await follow(page, page.getByRole('link', { name: '按完整度' }));
	await step('charts/map-by-coverage', async () => {
		check('charts/map-by-coverage', status(rc) === 200 &&
		      await page.locator('main figure.map-coverage svg.gk-map').count() === 1,
		      `${page.url()}: ${status(rc)}`);
	});
	await a11y(browser, 'charts', ctx, url);
	await a11y(browser, 'round', ctx, st.roundUrl);
	await a11y(browser, 'office-sheet', ctx, st.streetUrl);
	await a11y(browser, 'index', ctx, `${base}/admin/assessment`);
}

async function publicStats(browser) {
	const ctx = await newContext(browser);
	try {
		const page = await ctx.newPage();
		await page.goto(`${base}/r/430104/`, { waitUntil: 'load' });
		const r = await follow(page, page.getByRole('link', { name: '专栏统计' }));
		await step('public/stats', async () => {
			const svg = page.locator('main svg.chart[role="img"]');
			check('public/stats', status(r) === 200 && path(page) === '/r/430104/stats/' &&
			      await svg.count() >= 1 &&
			      await page.locator('main table caption',
						 { hasText: '岳麓区各领域二级事项覆盖率' }).count() === 1,
			      `${page.url()}: ${status(r)}`);
		});
		await shoot(page, '7c-stats-desktop.png');
		await atPhone(browser, ctx, `${base}/r/430104/stats/`, 'public/stats',
			      '7c-stats-phone.png');
		await a11y(browser, 'public-stats', null, `${base}/r/430100/stats/`);
	} finally {
		await ctx.close();
	}
}

/* --- main ------------------------------------------------------------------- */

async function main() {
	if (!base) {
		console.error('usage: node assessment.mjs http://127.0.0.1:PORT');
		process.exit(2);
	}
	mkdirSync(shots, { recursive: true });
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
		args: CHROMIUM_ARGS });
	try {
		const office = await signIn(browser, 'yl_office');
		try {
			await officeImports(office.page);
			await officeCreatesRound(office.page);
			await officeScoresStreet(office.page);
			await unitResponds(browser);
			await officeFinalises(browser, office.ctx, office.page);
			await officeCharts(browser, office.ctx, office.page);
		} finally {
			await office.ctx.close();
		}
		await publicStats(browser);
	} catch (e) {
		if (!(e instanceof Stop))
			notOk('run', e && e.stack ? e.stack.split('\n').slice(0, 3).join(' ') : e);
	} finally {
		await browser.close();
	}
	check('no-server-errors', !server5xx.length, server5xx.join('; '));
	process.exit(failed ? 1 : 0);
}

main();
