// requests.mjs: the browser acceptance test of disclosure on request
// (依申请公开, issue 6).
//
//   node tests/e2e/requests.mjs http://127.0.0.1:PORT
//
// Against the Changsha demo (tests/e2e/run.sh starts it), JavaScript OFF
// (the pages must work without it), by clicking and typing like a person:
//
//   a citizen opens 岳麓区's column, follows 依申请公开, fills in the form
//   (岳麓区民政局, 自然人, the information wanted, 电子邮件, a PDF), first
//   forgetting the name: the refusal lists the problem at the top and
//   beside the field and keeps what was typed; then files it and gets the
//   查询码, 编号, receipt and due date; follows it at /apply/track by typing
//   the 查询码 (lower case);
//   ylmz_editor (岳麓区民政局's 信息员) signs in, sees the application on
//   the 工作台's 依申请公开 block and in the list, opens the case (the clock
//   with its explanation), 审核通过, chooses 予以公开 and 生成答复书, edits
//   the generated letter and 发出答复; the case shows the letter;
//   the citizen's tracking page shows 已答复 and the letter.
//
// axe-core (JavaScript on) checks the form, the refused form, the tracking
// page and the case page; screenshots at desktop and phone width go to
// tests/e2e/screenshots/6x-…; at phone width nothing scrolls sideways.
// Prints "ok NAME" / "not ok NAME: why" and "# …"; exits 1 on a failure.

import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
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
const NEW_PASSWORD = 'Minzheng-2026!';
const REGION = '430104';
const UNIT = '岳麓区民政局';
const NAME = '陈小明';
const ID_NUMBER = '11010519491231002X';
const INFO = '2025年岳麓区城乡低保资金发放情况（浏览器测试）';
const LETTER_ADDITION = '附件：2025年岳麓区城乡低保资金发放情况表（电子版）';

/* --- reporting ----------------------------------------------------------- */

let failed = 0;
const oneLine = s => String(s).replace(/\s+/g, ' ').trim().slice(0, 400);
function ok(name) { console.log(`ok requests/${name}`); }
function notOk(name, why) {
	failed++;
	console.log(`not ok requests/${name}: ${oneLine(why)}`);
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
	const nav = page.waitForNavigation({ waitUntil: 'load', timeout: 15000 });
	nav.catch(() => {});
	await locator.click({ timeout: 10000 });
	return await nav;
}
const button = (page, name) => page.getByRole('button', { name, exact: true });
/* Fields by their accessible name (a label's "*" is hidden from it). */
const textbox = (page, name) => page.getByRole('textbox', { name, exact: true });
const combobox = (page, name) => page.getByRole('combobox', { name, exact: true });
const text = async loc => (await loc.innerText({ timeout: 5000 }))
	.replace(/\s+/g, ' ').trim();

async function shoot(page, file) {
	try {
		await page.screenshot({ path: join(shots, file), fullPage: true,
			timeout: 15000 });
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

function tinyPdf() {
	const content = 'BT /F1 18 Tf 20 40 Td (ID card copy) Tj ET\n';
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

const server5xx = [];
async function newContext(browser, opts = {}) {
	const ctx = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false,
		...opts });
	ctx.on('response', r => {
		if (r.status() >= 500)
			server5xx.push(`${r.request().method()} ${r.url()} → ${r.status()}`);
	});
	return ctx;
}

/* axe-core on a page opened by 'open' in a context with JavaScript on
 * (sharing the cookies of 'from', a context or null). */
let axeSource;
async function a11y(browser, name, from, open) {
	const label = `a11y/${name}`;
	await step(label, async () => {
		axeSource = axeSource || require('axe-core').source;
		const ctx = await newContext(browser, { javaScriptEnabled: true,
			bypassCSP: true,
			...(from ? { storageState: await from.storageState() } : {}) });
		try {
			const page = await ctx.newPage();
			page.setDefaultTimeout(15000);
			await open(page);
			await page.addScriptTag({ content: axeSource });
			const res = await page.evaluate(() =>
				window.axe.run(document, { resultTypes: ['violations'] }));
			const bad = res.violations.filter(v => v.impact === 'serious' ||
							   v.impact === 'critical');
			for (const v of res.violations)
				if (!bad.includes(v))
					note(`${label}: ${v.id} (${v.impact}) ${v.help}`);
			check(label, bad.length === 0, bad.map(v =>
				`${v.id} (${v.impact}) ${v.nodes[0].target.join(' ')}`)
				.join('; '));
		} finally {
			await ctx.close();
		}
	});
}

/* --- the citizen ------------------------------------------------------------- */

/* The form's fields but the name (the first attempt forgets it). */
async function fillForm(page) {
	await combobox(page, '受理单位').selectOption({ label: UNIT });
	await page.locator('#f-kind').getByLabel('自然人（公民）').check();
	await textbox(page, '证件号码').fill(ID_NUMBER);
	await page.getByLabel('联系电话', { exact: true }).fill('0731-88886666');
	await page.getByLabel('电子邮箱', { exact: true }).fill('chenxm@example.com');
	await page.getByLabel('所需信息名称', { exact: true }).fill(INFO);
	await page.getByLabel('特征性描述', { exact: true })
		.fill('按街道汇总的月度发放金额和户数');
	await page.locator('#f-forms').getByLabel('电子邮件', { exact: true }).check();
	await page.locator('#f-delivery').getByLabel('电子邮件', { exact: true }).check();
}

const st = {};

async function citizenFiles(browser) {
	const ctx = await newContext(browser);
	st.citizen = ctx;
	const page = await ctx.newPage();
	page.setDefaultTimeout(10000);
	await page.goto(`${base}/r/${REGION}/`, { waitUntil: 'load' });
	const link = page.locator('main a', { hasText: '依申请公开' }).first();
	const r0 = await follow(page, link);
	must('citizen/form-from-the-column', status(r0) === 200 &&
	     path(page) === `/r/${REGION}/apply/`,
	     `the 依申请公开 link led to ${page.url()} (${status(r0)})`);
	await shoot(page, '60-apply-form-desktop.png');

	await fillForm(page);
	const r1 = await follow(page, button(page, '提交申请'));
	await step('citizen/refused-without-a-name', async () => {
		const top = await text(page.locator('#problems'));
		const beside = await text(page.locator('#f-p_name-err'));
		const kept = await page.getByLabel('所需信息名称', { exact: true })
			.inputValue();
		const invalid = await textbox(page, '姓名').getAttribute('aria-invalid');
		check('citizen/refused-without-a-name', status(r1) === 400 &&
		      top.includes('「姓名」') && beside.includes('「姓名」') &&
		      kept === INFO && invalid === 'true',
		      `status ${status(r1)}, top "${top}", beside "${beside}", ` +
		      `kept "${kept}", aria-invalid ${invalid}`);
		const link = page.locator('#problems a[href="#f-p_name"]');
		check('citizen/error-links-to-its-field', await link.count() === 1,
		      'no link from the list to the 姓名 field');
	});
	await shoot(page, '61-apply-refused-desktop.png');

	await textbox(page, '姓名').fill(NAME);
	await page.setInputFiles('#f-files', { name: '身份证明.pdf',
		mimeType: 'application/pdf', buffer: tinyPdf() });
	const r2 = await follow(page, button(page, '提交申请'));
	const code = await page.locator('#code').innerText().catch(() => '');
	must('citizen/filed', status(r2) === 200 && /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/
	     .test(code), `submitting answered ${status(r2)} at ${page.url()}: ` +
	     await text(page.locator('main')).catch(() => ''));
	st.code = code;
	await step('citizen/confirmation', async () => {
		const t = await text(page.locator('main'));
		const num = t.match(/〔\d{4}〕\d+号/);
		st.number = num ? num[0] : '';
		check('citizen/confirmation', st.number && t.includes('收到申请之日') &&
		      t.includes('答复期限') && t.includes('接下来') &&
		      t.includes('期限是怎样算出来的'), t.slice(0, 300));
	});
	await shoot(page, '62-apply-done-desktop.png');
	note(`filed ${st.number}, 查询码 ${code}`);
}

async function citizenTracks(page, file, want) {
	await page.goto(`${base}/apply/track`, { waitUntil: 'load' });
	await page.getByLabel('查询码', { exact: true })
		.fill(st.code.toLowerCase().replace(/-/g, ''));
	const r = await follow(page, button(page, '查询'));
	const t = await text(page.locator('main'));
	await shoot(page, file);
	return { status: status(r), text: t };
}

async function citizenFollows(browser) {
	const page = await st.citizen.newPage();
	const r = await citizenTracks(page, '63-track-desktop.png');
	check('citizen/tracks-with-the-code', r.status === 200 &&
	      r.text.includes('已登记') && r.text.includes(INFO) &&
	      r.text.includes('期限是怎样算出来的') && r.text.includes('登记'),
	      `${r.status}: ${r.text.slice(0, 300)}`);
	await page.goto(`${base}/apply/track?code=ABCD-EFGH-JKLM`, { waitUntil: 'load' });
	const t = await text(page.locator('main'));
	check('citizen/unknown-code', t.includes('没有找到这个查询码'), t.slice(0, 200));
}

/* --- staff ----------------------------------------------------------------- */

async function loginForm(page, username, password) {
	await page.getByLabel('用户名', { exact: true }).fill(username);
	await page.getByLabel('密码', { exact: true }).fill(password);
	return await follow(page, button(page, '登录'));
}

async function signIn(browser, username) {
	const ctx = await newContext(browser);
	const page = await ctx.newPage();
	page.setDefaultTimeout(10000);
	await page.goto(`${base}/admin/login`, { waitUntil: 'load' });
	let r = await loginForm(page, username, DEMO_PASSWORD);
	if (path(page) === '/admin/password') {
		await page.getByLabel('原密码', { exact: true }).fill(DEMO_PASSWORD);
		await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
		await page.getByLabel('再次输入新密码', { exact: true }).fill(NEW_PASSWORD);
		await follow(page, button(page, '修改密码'));
		r = await loginForm(page, username, NEW_PASSWORD);
	} else if (path(page) === '/admin/login') {
		note(`${username}: the demo password is refused; the one of an earlier run`);
		r = await loginForm(page, username, NEW_PASSWORD);
	}
	must(`staff/${username}-signs-in`, status(r) === 200 && path(page) === '/admin/',
	     `signing in led to ${page.url()} (${status(r)})`);
	return { ctx, page };
}

async function staffReplies(browser) {
	const { ctx, page } = await signIn(browser, 'ylmz_editor');
	st.staff = ctx;
	await step('staff/dashboard-block', async () => {
		const block = page.locator('main section[aria-labelledby="rq"]');
		const t = await text(block);
		const open = Number((t.match(/未办结\s*(\d+)/) || [0, 0])[1]);
		check('staff/dashboard-block', open >= 1, t);
	});
	const r1 = await follow(page, page.locator('main section[aria-labelledby="rq"] a',
		{ hasText: '未办结' }));
	must('staff/list', status(r1) === 200 && path(page) === '/admin/requests',
	     `the 未办结 tile led to ${page.url()} (${status(r1)})`);
	await shoot(page, '64-requests-list-desktop.png');
	const row = page.locator('main table.grid a', { hasText: st.number });
	must('staff/listed', await row.count() === 1,
	     `the list does not show ${st.number}`);
	const r2 = await follow(page, row);
	must('staff/case-page', status(r2) === 200 &&
	     /^\/admin\/requests\/\d+$/.test(path(page)),
	     `opening ${st.number} led to ${page.url()} (${status(r2)})`);
	st.caseUrl = page.url();
	await step('staff/case-shows-the-clock', async () => {
		const t = await text(page.locator('main'));
		check('staff/case-shows-the-clock', t.includes(NAME) &&
		      t.includes(ID_NUMBER) && t.includes('期限是怎样算出来的') &&
		      t.includes('剩余') && t.includes('身份证明.pdf'), t.slice(0, 300));
	});
	await shoot(page, '65-request-case-desktop.png');

	const r3 = await follow(page, button(page, '记录「审核通过」'));
	const n3 = await text(page.locator('main p.notice.ok').first()).catch(() => '');
	must('staff/review', status(r3) === 200 && n3.includes('审核通过'),
	     `审核通过 answered ${status(r3)}, notice "${n3}"`);

	await combobox(page, '办理结果（年报表三）').selectOption('1');
	const r4 = await follow(page, button(page, '生成答复书'));
	const letter = page.getByLabel('答复书（可修改）', { exact: true });
	const generated = await letter.inputValue().catch(() => '');
	must('staff/letter-generated', status(r4) === 200 && generated.includes(NAME) &&
	     generated.includes(INFO) && generated.includes('行政复议') &&
	     generated.includes('予以公开'),
	     `生成答复书 answered ${status(r4)}; the letter: ${generated.slice(0, 200)}`);
	await shoot(page, '66-request-letter-desktop.png');
	await letter.fill(`${generated.trimEnd()}\n\n${LETTER_ADDITION}`);
	const r5 = await follow(page, button(page, '发出答复'));
	await step('staff/replied', async () => {
		const lead = await text(page.locator('main p.lead'));
		const shown = await text(page.locator('main .letter'));
		check('staff/replied', status(r5) === 200 && lead.includes('已答复') &&
		      shown.includes(LETTER_ADDITION) && shown.includes(NAME),
		      `发出答复 answered ${status(r5)}: "${lead}"; letter "${shown.slice(0, 200)}"`);
	});
	await shoot(page, '67-request-replied-desktop.png');
}

async function citizenSeesReply(browser) {
	const page = await st.citizen.newPage();
	const r = await citizenTracks(page, '68-track-replied-desktop.png');
	const letter = await text(page.locator('main .letter')).catch(() => '');
	check('citizen/sees-the-reply', r.status === 200 && r.text.includes('已答复') &&
	      letter.includes(LETTER_ADDITION) && letter.includes('行政诉讼'),
	      `${r.status}: ${r.text.slice(0, 300)}`);
}

/* --- phone width and accessibility ----------------------------------------- */

async function phoneAndA11y(browser) {
	const ctx = await newContext(browser, { ...PHONE });
	try {
		const page = await ctx.newPage();
		page.setDefaultTimeout(10000);
		await page.goto(`${base}/r/${REGION}/apply/`, { waitUntil: 'load' });
		await shoot(page, '60-apply-form-phone.png');
		await noOverflow(page, 'phone/form-no-overflow');
		if (st.code) {
			await page.goto(`${base}/apply/track?code=${st.code}`,
					{ waitUntil: 'load' });
			await shoot(page, '68-track-replied-phone.png');
			await noOverflow(page, 'phone/track-no-overflow');
		}
		if (st.staff && st.caseUrl) {
			await ctx.addCookies(await st.staff.cookies());
			await page.goto(st.caseUrl, { waitUntil: 'load' });
			await shoot(page, '65-request-case-phone.png');
			await noOverflow(page, 'phone/case-no-overflow');
		}
	} finally {
		await ctx.close();
	}
	await a11y(browser, 'apply-form', null, p =>
		p.goto(`${base}/r/${REGION}/apply/`, { waitUntil: 'load' }));
	await a11y(browser, 'apply-form-refused', null, async p => {
		await p.goto(`${base}/r/${REGION}/apply/`, { waitUntil: 'load' });
		await follow(p, button(p, '提交申请'));
	});
	if (st.code)
		await a11y(browser, 'track', null, p =>
			p.goto(`${base}/apply/track?code=${st.code}`, { waitUntil: 'load' }));
	if (st.staff && st.caseUrl)
		await a11y(browser, 'case-page', st.staff, async p => {
			await p.goto(st.caseUrl, { waitUntil: 'load' });
		});
}

/* --- main ------------------------------------------------------------------ */

async function main() {
	if (!/^https?:\/\/[^/]+$/.test(base)) {
		notOk('usage', 'usage: node tests/e2e/requests.mjs http://127.0.0.1:PORT');
		return;
	}
	mkdirSync(shots, { recursive: true });
	let browser;
	try {
		browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
			args: CHROMIUM_ARGS, timeout: 30000 });
	} catch (e) {
		notOk('launch', e.message.split('\n')[0]);
		return;
	}
	try {
		const stages = [
			['journey/citizen-files', () => citizenFiles(browser)],
			['journey/citizen-follows', () => citizenFollows(browser)],
			['journey/staff-reply', () => staffReplies(browser)],
			['journey/citizen-sees-reply', () => citizenSeesReply(browser)],
		];
		let stopped = '';
		for (const [name, fn] of stages) {
			if (stopped) {
				notOk(name, `skipped: ${stopped}`);
				continue;
			}
			try {
				await fn();
			} catch (e) {
				stopped = e instanceof Stop ? e.message :
					`${name}: ${e.message.split('\n')[0]}`;
				if (!(e instanceof Stop))
					notOk(name, e.message.split('\n')[0]);
			}
		}
		await step('phone-and-a11y', () => phoneAndA11y(browser));
		check('no-server-errors', server5xx.length === 0, server5xx.join('; '));
	} finally {
		await browser.close();
	}
}

await main();
process.exit(failed ? 1 : 0);
