// backoffice.mjs: the browser acceptance test of the back office (issue 4).
//
//   node tests/e2e/backoffice.mjs http://127.0.0.1:PORT
//
// Against the Changsha demo (tests/e2e/run.sh starts it), each user in a
// browser context of its own, JavaScript OFF (the back office must work
// without it), by clicking and typing like a person:
//
//   wyh_editor (信息员, 望月湖街道办事处) signs in, is sent to change the
//   demo password, signs in again, sees the queues, 新建信息 → picks a
//   二级事项 → fills the form built from its 公开内容要素 → 预览正文 (the
//   Markdown list comes back as <li>) → 保存草稿 → uploads a PDF (an HTML
//   file named .pdf is refused in Chinese) → 送审;
//   wyh_reviewer → 待审 → 退回 with 标题不规范; wyh_editor sees the reason in
//   待办, fixes the title, 送审; wyh_reviewer 审核通过; wyh_signer 签发;
//   wyh_editor cannot 批准发布; yl_office → 待批 → 批准发布; the public
//   /record/ID and the item's page show it; wyh_editor 撤回 with a reason →
//   /record/ID is 404 and the item page no longer lists it; the history
//   page lists every revision and compares the two around the title fix.
//
// Every back-office page is photographed at desktop width (and the login,
// dashboard and record form at phone width, where they must not scroll
// sideways) into tests/e2e/screenshots/2x-…, 3x-…, 4x-….  axe-core (in a
// context with JavaScript on, sharing the user's session) checks the login
// page, the dashboard, the record form, the record view and the history.
//
// Prints one "ok NAME" or "not ok NAME: why" per check and "# ..."
// comments; exits 1 if any check failed.

import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, 'screenshots');
const base = (process.argv[2] || '').replace(/\/+$/, '');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic',
	'--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
// a Chinese browser in Beijing (date fields show 年/月/日)
const PEOPLE = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
	isMobile: true, hasTouch: true, ...PEOPLE };
const DESKTOP = { viewport: { width: 1280, height: 800 }, ...PEOPLE };
const WATCHDOG_MS = 100000;

const DEMO_PASSWORD = process.env.GONGKAI_DEMO_PASSWORD || 'Demo-Pass-2026';
const NEW_PASSWORD = 'Wangyuehu-2026!';	// 4 kinds, no user name in it
const WEAK_PASSWORD = 'abcdefghijkl';	// long enough, one kind only
const DOMAIN = '义务教育';
const ITEM = '招生政策';		// a 二级事项 of 招生管理
const TITLE_BAD = '关于招生的通知';
const TITLE_GOOD = '望月湖街道2026年秋季义务教育招生政策';
const RETURN_REASON = '标题不规范';
const WITHDRAW_REASON = '政策已调整，待重新发布';
const BODY_MD = '本街道2026年秋季义务教育招生安排如下：\n\n' +
	'- 户籍适龄儿童就近入学\n- 随迁子女凭居住证入学\n- 咨询电话：0731-88880000\n';
const LIST_ITEMS = ['户籍适龄儿童就近入学', '随迁子女凭居住证入学',
	'咨询电话：0731-88880000'];

/* --- reporting ---------------------------------------------------------- */

let failed = 0;
let passed = 0;

function oneLine(s) {
	return String(s).replace(/\x1b\[[0-9;]*m/g, '').replace(/\s+/g, ' ')
		.trim().slice(0, 400);
}
function ok(name) {
	passed++;
	console.log(`ok ${name}`);
}
function notOk(name, why) {
	failed++;
	console.log(`not ok ${name}: ${oneLine(why)}`);
}
function note(s) {
	for (const line of String(s).split('\n'))
		console.log(`# ${line}`);
}
function check(name, cond, why) {
	if (cond)
		ok(name);
	else
		notOk(name, why);
	return !!cond;
}
/* Run one check's code; an exception is that check's failure. */
async function step(name, fn) {
	try {
		return await fn();
	} catch (e) {
		notOk(name, e && e.message ? e.message.split('\n')[0] : e);
		return undefined;
	}
}
/* A stage of the journey that later stages need: throws to stop them. */
class Stop extends Error {}
function must(name, cond, why) {
	if (!check(name, cond, why))
		throw new Stop(`${name} failed`);
}

/* --- page helpers --------------------------------------------------------- */

function status(resp) {
	return resp ? resp.status() : 0;
}

/* Click something that navigates (a link, a submit button); the final
 * response of the navigation (after any redirect). */
async function follow(page, locator, clickOptions = {}) {
	const nav = page.waitForNavigation({ waitUntil: 'load', timeout: 15000 });
	nav.catch(() => {});	// a failed click must not leave it unhandled
	await locator.click({ timeout: 10000, ...clickOptions });
	return await nav;
}

async function text(locator) {
	return (await locator.innerText({ timeout: 5000 })).replace(/\s+/g, ' ').trim();
}

/* The 标题 field (its label ends in a "*" hidden from assistive technology,
 * so it is found by its accessible name). */
function titleField(page) {
	return page.getByRole('textbox', { name: '标题', exact: true });
}

function button(page, name) {
	return page.getByRole('button', { name, exact: true });
}

/* The notice the back office shows after a redirect (?msg=…). */
async function notice(page) {
	const n = page.locator('main p.notice.ok');
	return await n.count() ? await text(n.first()) : '';
}

/* The error messages of a page (div.notice.error li), joined. */
async function errorsShown(page) {
	return (await page.locator('main .notice.error').allInnerTexts())
		.join(' ').replace(/\s+/g, ' ').trim();
}

/* The record view's status label (span.status in the lead). */
async function statusShown(page) {
	const s = page.locator('main p.lead .status');
	return await s.count() ? await text(s.first()) : '';
}

async function shoot(page, file) {
	try {
		await page.screenshot({ path: join(shots, file), fullPage: true,
			timeout: 15000 });
	} catch (e) {
		note(`screenshot ${file} failed: ${oneLine(e.message)}`);
	}
}

/* Elements sticking out to the right of the viewport (as in e2e.mjs). */
async function overflowCulprits(page) {
	return await page.evaluate(() => {
		const w = document.documentElement.clientWidth;
		const out = [];
		const inScroller = el => {
			for (let p = el.parentElement; p; p = p.parentElement) {
				const ox = getComputedStyle(p).overflowX;
				if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' ||
				    ox === 'clip')
					return true;
			}
			return false;
		};
		const sticksOut = el => {
			if (!el || el === document.body || el === document.documentElement)
				return false;
			const r = el.getBoundingClientRect();
			if (!(r.right > w + 1))
				return false;
			const pos = getComputedStyle(el).position;
			return pos === 'absolute' || pos === 'fixed' || !inScroller(el);
		};
		const name = el => {
			let s = el.tagName.toLowerCase();
			if (el.id)
				s += '#' + el.id;
			if (el.classList.length)
				s += '.' + [...el.classList].join('.');
			return s;
		};
		const seen = new Set();
		for (const el of document.body.querySelectorAll('*')) {
			if (!sticksOut(el) || sticksOut(el.parentElement))
				continue;	// report the outermost one only
			const r = el.getBoundingClientRect();
			if (seen.has(name(el)))
				continue;
			seen.add(name(el));
			out.push(`${name(el)} (right edge at ${Math.round(r.right)}px)`);
			if (out.length >= 3)
				break;
		}
		return out;
	});
}

async function noOverflow(page, name) {
	await step(name, async () => {
		const m = await page.evaluate(() => ({
			sw: document.documentElement.scrollWidth,
			iw: Math.min(window.innerWidth, document.documentElement.clientWidth),
		}));
		if (m.sw <= m.iw + 1) {
			ok(name);
		} else {
			const c = await overflowCulprits(page);
			notOk(name, `${page.url()} scrolls sideways: scrollWidth ${m.sw} > ` +
			      `width ${m.iw}` + (c.length ? `; sticking out: ${c.join(', ')}` : ''));
		}
	});
}

/* Every back-office page: the frame's basics, photographed. */
async function visited(page, key, file) {
	await step(`${key}/frame`, async () => {
		const r = await page.evaluate(() => ({
			lang: document.documentElement.lang,
			h1: document.querySelectorAll('h1').length,
			main: !!document.querySelector('main#main'),
			title: document.title.trim(),
		}));
		check(`${key}/frame`, r.lang === 'zh-CN' && r.h1 === 1 && r.main &&
		      r.title.length > 0, `${page.url()}: <html lang="${r.lang}">, ` +
		      `${r.h1} <h1>, <main id="main"> ${r.main ? 'present' : 'missing'}, ` +
		      `<title> "${r.title}"`);
	});
	if (file)
		await shoot(page, file);
}

/* --- a tiny valid PDF --------------------------------------------------- */

function tinyPdf() {
	const content = 'BT /F1 18 Tf 20 40 Td (Zhaosheng 2026) Tj ET\n';
	const objs = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] ' +
		'/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${content.length} >>\nstream\n${content}endstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
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

const HTML_AS_PDF = Buffer.from('<!DOCTYPE html>\n<html lang="zh-CN"><head>' +
	'<meta charset="utf-8"><title>招生简章</title></head><body><p>招生简章</p>' +
	'<script>alert(document.cookie)</script></body></html>\n', 'utf8');

/* --- users ------------------------------------------------------------------ */

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

/* Sign in on the login form; the response the form leads to. */
async function loginForm(page, username, password) {
	await page.getByLabel('用户名', { exact: true }).fill(username);
	await page.getByLabel('密码', { exact: true }).fill(password);
	return await follow(page, button(page, '登录'));
}

/* A user signs in for the first time: the demo password, the forced
 * change (for the first user also a weak password refused first), signing
 * in again.  { ctx, page } on the dashboard. */
async function signIn(browser, username, first) {
	const key = `${username}/sign-in`;
	const ctx = await newContext(browser);
	const page = await ctx.newPage();
	page.setDefaultTimeout(10000);
	const r0 = await page.goto(base + '/admin/login', { waitUntil: 'load' });
	must(`${key}/login-page`, status(r0) === 200 &&
	     await page.getByLabel('用户名', { exact: true }).count() === 1,
	     `GET /admin/login answered ${status(r0)} without a 用户名 field`);
	if (first) {
		await visited(page, 'login', '20-login-desktop.png');
		await step('login/wrong-password', async () => {
			const r = await loginForm(page, username, 'Wrong-Pass-0000');
			const e = await errorsShown(page);
			check('login/wrong-password', status(r) === 401 &&
			      /[\u4e00-\u9fff]{4,}/.test(e) && page.url().endsWith('/admin/login'),
			      `a wrong password: ${status(r)} at ${page.url()}, message "${e}"`);
		});
	}
	let r = await loginForm(page, username, DEMO_PASSWORD);
	if (status(r) === 401 && page.url().endsWith('/admin/login')) {
		// a server where this test ran before: the password was changed
		note(`${username}: the demo password is refused; the password of an earlier run`);
		r = await loginForm(page, username, NEW_PASSWORD);
		must(`${key}`, status(r) === 200 && new URL(page.url()).pathname === '/admin/',
		     `neither password signs ${username} in: ${status(r)} at ${page.url()}`);
		return { ctx, page, user: username };
	}
	must(`${key}/forced-change`, status(r) === 200 &&
	     new URL(page.url()).pathname === '/admin/password',
	     `signing in with the demo password led to ${page.url()} (${status(r)}), ` +
	     `want /admin/password: ${await errorsShown(page)}`);
	if (first) {
		await step('password/notice', async () => {
			const t = await text(page.locator('main'));
			const menu = await page.locator('nav.admin-menu').count();
			check('password/notice', t.includes('须先设置自己的密码') && !menu,
			      `the forced change page: notice ${t.includes('须先设置') ? 'shown' : 'missing'}, ` +
			      `${menu} back-office menu(s) (want none before the change)`);
		});
		await visited(page, 'password', '21-password-desktop.png');
		await step('password/policy', async () => {
			await page.getByLabel('原密码', { exact: true }).fill(DEMO_PASSWORD);
			await page.getByLabel('新密码', { exact: true }).fill(WEAK_PASSWORD);
			await page.getByLabel('再次输入新密码', { exact: true }).fill(WEAK_PASSWORD);
			const rw = await follow(page, button(page, '修改密码'));
			const e = await errorsShown(page);
			check('password/policy', status(rw) === 400 && e.includes('三类'),
			      `a password of one kind: ${status(rw)}, message "${e}"`);
			await shoot(page, '21-password-refused-desktop.png');
		});
	}
	await page.getByLabel('原密码', { exact: true }).fill(DEMO_PASSWORD);
	await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
	await page.getByLabel('再次输入新密码', { exact: true }).fill(NEW_PASSWORD);
	r = await follow(page, button(page, '修改密码'));
	const n = await notice(page);
	must(`${key}/password-changed`, status(r) === 200 &&
	     new URL(page.url()).pathname === '/admin/login' && n.includes('密码已修改'),
	     `changing the password led to ${page.url()} (${status(r)}), notice "${n}": ` +
	     await errorsShown(page));
	r = await loginForm(page, username, NEW_PASSWORD);
	must(`${key}`, status(r) === 200 && new URL(page.url()).pathname === '/admin/',
	     `signing in with the new password led to ${page.url()} (${status(r)}): ` +
	     await errorsShown(page));
	return { ctx, page, user: username };
}

/* The queue tiles of the dashboard: { 待办: 3, … } */
async function tiles(page) {
	return await page.evaluate(() => Object.fromEntries(
		[...document.querySelectorAll('main ul.queues li')].map(li => [
			(li.querySelector('.name') || {}).textContent || '',
			+(((li.querySelector('.count') || {}).textContent || '').replace(/\D/g, '') || -1),
		])));
}

/* From the dashboard, click a queue tile; then the record's row. */
async function openFromQueue(u, tile, id, key, file) {
	const { page } = u;
	if (new URL(page.url()).pathname !== '/admin/')
		await follow(page, page.locator('nav.admin-menu a', { hasText: '工作台' }));
	const t = await tiles(page);
	check(`${key}/tile`, t[tile] >= 1,
	      `${u.user}'s dashboard tiles are ${JSON.stringify(t)}: want ${tile} ≥ 1`);
	const r = await follow(page, page.locator('main ul.queues a', { hasText: tile }));
	must(`${key}/queue`, status(r) === 200, `the ${tile} queue answered ${status(r)}`);
	const cur = await text(page.locator('nav[aria-label="工作队列"] [aria-current="page"]'))
		.catch(() => '');
	const row = page.locator(`main table.grid a[href="/admin/records/${id}"]`);
	must(`${key}/listed`, await row.count() === 1 && cur.startsWith(tile),
	     `the ${tile} queue (${page.url()}, current tab "${cur}") does not list record ${id}`);
	await visited(page, `${key}-queue`, file);
	const rowText = await text(page.locator('main table.grid tr',
		{ has: page.locator(`a[href="/admin/records/${id}"]`) }));
	const r2 = await follow(page, row);
	must(`${key}/open`, status(r2) === 200 &&
	     new URL(page.url()).pathname === `/admin/records/${id}`,
	     `opening record ${id} from the ${tile} queue led to ${page.url()} (${status(r2)})`);
	return rowText;
}

/* Press one of the record view's 办理 buttons (with a reason if given). */
async function act(page, label, reasonLabel, reason) {
	if (reasonLabel)
		await page.getByLabel(reasonLabel, { exact: true }).fill(reason);
	const b = button(page, label);
	if (await b.count() !== 1)
		throw new Error(`no "${label}" button on ${page.url()} (buttons: ` +
			(await page.locator('main section.actions button').allInnerTexts())
				.join('、') + ')');
	const r = await follow(page, b);
	if (status(r) !== 200)
		throw new Error(`"${label}" answered ${status(r)}: ${await errorsShown(page)}`);
}

/* --- accessibility (JavaScript on, for axe) -------------------------------- */

let axeSource;

/* axe-core on a page opened (by 'open') in a context with JavaScript on
 * that shares the session of 'from' (a context, or null for none). */
async function a11y(browser, name, from, open) {
	const label = `a11y/admin-${name}`;
	await step(label, async () => {
		axeSource = axeSource || require('axe-core').source;
		// bypassCSP: the site's Content-Security-Policy forbids inline scripts
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
			let bad = 0;
			for (const v of res.violations) {
				const target = v.nodes.length ? v.nodes[0].target.join(' ') : '';
				const html = v.nodes.length ? v.nodes[0].html.slice(0, 160) : '';
				if (v.impact === 'serious' || v.impact === 'critical') {
					bad++;
					notOk(label, `${page.url()}: ${v.id} (${v.impact}) ${target}`);
					note(`  ${v.help}; ${v.nodes.length} element(s), e.g. ${oneLine(html)}`);
				} else {
					note(`${label}: ${v.id} (${v.impact}) ${target}: ${v.help} ` +
					     `[${v.nodes.length} element(s)]`);
				}
			}
			if (!bad)
				ok(label);
		} finally {
			await ctx.close();
		}
	});
}

/* --- the journey ----------------------------------------------------------- */

const st = {};		// what the stages learn: record id, item URL, …

async function editorCreates(browser) {
	const ed = await signIn(browser, 'wyh_editor', true);
	st.editor = ed;
	const { page } = ed;
	await visited(page, 'dashboard', '22-dashboard-desktop.png');
	await step('dashboard/queues', async () => {
		const t = await tiles(page);
		check('dashboard/queues', '待办' in t && '已发' in t && !('待批' in t) &&
		      Object.values(t).every(n => n >= 0),
		      `the 信息员's queue tiles are ${JSON.stringify(t)}: want 待办 and 已发 ` +
		      'with counts, no 待批');
	});
	await a11y(browser, 'dashboard', ed.ctx, p => p.goto(base + '/admin/',
		{ waitUntil: 'load' }));

	// 新建信息 → the item picker → a 二级事项
	let r = await follow(page, page.locator('main a', { hasText: '新建信息' }));
	must('items/status', status(r) === 200 && new URL(page.url()).pathname === '/admin/items',
	     `新建信息 led to ${page.url()} (${status(r)})`);
	const picked = await page.evaluate(([domain, item]) => {
		const out = [];
		for (const d of document.querySelectorAll('main details')) {
			const summary = d.querySelector('summary').textContent.trim();
			let group = '';
			for (const li of d.querySelectorAll('ul.tree > li')) {
				if (li.classList.contains('group'))
					group = li.textContent.trim();
				else if (li.querySelector('a') && group)
					out.push({ summary, group, name: li.textContent.trim(),
						href: li.querySelector('a').getAttribute('href') });
			}
		}
		return out.find(x => x.summary.startsWith(domain) && x.name === item) ||
			out[0] || null;
	}, [DOMAIN, ITEM]);
	must('items/second-level', picked, 'the picker lists no item under a group (二级事项)');
	note(`item: ${picked.summary} › ${picked.group} › ${picked.name} (${picked.href})`);
	st.itemName = picked.name;
	const details = page.locator('main details', { hasText: picked.summary }).first();
	await details.locator('summary').click();
	await visited(page, 'items', '23-items-desktop.png');
	const link = details.locator(`a[href="${picked.href}"]`);
	must('items/open-visible', await link.isVisible(),
	     `after clicking 「${picked.summary}」 its items are still hidden`);
	r = await follow(page, link);
	must('form/status', status(r) === 200 && /\/admin\/records\/new\?item=\d+$/.test(page.url()),
	     `clicking ${picked.name} led to ${page.url()} (${status(r)})`);
	st.formUrl = page.url();
	await step('form/item', async () => {
		const lead = await text(page.locator('main p.lead'));
		check('form/item', lead.includes(picked.name) && lead.includes('望月湖街道'),
		      `the form's lead is "${lead}"`);
	});

	// the form
	const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
	await titleField(page).fill(TITLE_BAD);
	await page.getByLabel('成文日期', { exact: true }).fill(today);
	await page.getByLabel('主动公开', { exact: true }).check();
	const els = page.locator('fieldset:has(> legend:text-is("公开内容要素")) textarea');
	const nels = await els.count();
	let nreq = 0;
	for (let i = 0; i < nels; i++) {
		const el = els.nth(i);
		if (await el.getAttribute('required') !== null)
			nreq++;
		await el.fill(`${TITLE_GOOD}：要素 ${i + 1}`);
	}
	note(`${nels} 公开内容要素 field(s), ${nreq} required`);
	await page.getByRole('textbox', { name: /^正文/ }).fill(BODY_MD);
	await step('form/labels', async () => {
		const unlabelled = await page.evaluate(() =>
			[...document.querySelectorAll('main form input:not([type=hidden]), ' +
				'main form select, main form textarea')]
				.filter(el => !el.labels || !el.labels.length)
				.filter(el => !el.getAttribute('aria-label'))
				.map(el => el.name || el.id));
		check('form/labels', !unlabelled.length,
		      `fields without a <label>: ${unlabelled.join(', ')}`);
	});
	await visited(page, 'form', '24-record-form-desktop.png');

	// 预览正文: the list comes back as <li>, the fields keep their values
	r = await follow(page, button(page, '预览正文'));
	await step('form/preview', async () => {
		const lis = await page.locator('main section.preview li').allInnerTexts();
		const title = await titleField(page).inputValue();
		const body = await page.getByRole('textbox', { name: /^正文/ }).inputValue();
		check('form/preview', status(r) === 200 &&
		      JSON.stringify(lis.map(s => s.trim())) === JSON.stringify(LIST_ITEMS) &&
		      title === TITLE_BAD && body.replace(/\r\n/g, '\n') === BODY_MD,
		      `预览正文 (${status(r)}): preview <li>s [${lis.join(' | ')}], title ` +
		      `"${title}", body kept ${body.replace(/\r\n/g, '\n') === BODY_MD}`);
	});
	await step('form/preview-kept', async () => {
		const d = await page.getByLabel('成文日期', { exact: true }).inputValue();
		const a = await page.getByLabel('主动公开', { exact: true }).isChecked();
		const v = nels ? await els.first().inputValue() : `${TITLE_GOOD}：要素 1`;
		check('form/preview-kept', d === today && a && v === `${TITLE_GOOD}：要素 1`,
		      `after 预览正文: 成文日期 "${d}", 主动公开 ${a}, first element "${v}"`);
	});
	await visited(page, 'form-preview', '25-record-form-preview-desktop.png');

	// 保存草稿
	r = await follow(page, button(page, '保存草稿'));
	const m = /\/admin\/records\/(\d+)\?msg=created$/.exec(page.url());
	must('record/created', status(r) === 200 && m,
	     `保存草稿 led to ${page.url()} (${status(r)}): ${await errorsShown(page)}`);
	st.id = +m[1];
	st.view = `${base}/admin/records/${st.id}`;
	note(`record ${st.id}`);
	await step('record/draft', async () => {
		const s = await statusShown(page);
		const h1 = await text(page.locator('h1'));
		const lis = await page.locator('main section.body li').count();
		check('record/draft', s === '草稿' && h1 === TITLE_BAD &&
		      (await notice(page)).includes('已新建草稿') && lis === 3,
		      `after 保存草稿: status "${s}", h1 "${h1}", notice "${await notice(page)}", ` +
		      `${lis} list items in the body`);
	});
	await visited(page, 'record-draft', '26-record-draft-desktop.png');

	// an HTML file named .pdf is refused, in Chinese
	await step('attach/html-as-pdf', async () => {
		await page.getByLabel(/^上传附件/).setInputFiles({ name: '招生简章.pdf',
			mimeType: 'application/pdf', buffer: HTML_AS_PDF });
		const ra = await follow(page, button(page, '上传'));
		const e = await errorsShown(page);
		const refused = status(ra) === 400 && /[\u4e00-\u9fff]{4,}/.test(e);
		await shoot(page, '27-attach-refused-desktop.png');
		await page.goto(st.view, { waitUntil: 'load' });
		const names = await page.locator('main ul.attachments li').allInnerTexts();
		check('attach/html-as-pdf', refused && !names.some(n => n.includes('招生简章')),
		      `an HTML file named 招生简章.pdf: answered ${status(ra)}, message "${e}"; ` +
		      `the record's attachments are now [${names.join(' | ')}]`);
	});
	// a real PDF is accepted
	await step('attach/pdf', async () => {
		await page.getByLabel(/^上传附件/).setInputFiles({ name: '招生政策.pdf',
			mimeType: 'application/pdf', buffer: tinyPdf() });
		const ra = await follow(page, button(page, '上传'));
		const names = await page.locator('main ul.attachments li').allInnerTexts();
		check('attach/pdf', status(ra) === 200 && (await notice(page)).includes('附件已上传') &&
		      names.some(n => n.includes('招生政策.pdf') && n.includes('application/pdf')),
		      `uploading a PDF: ${status(ra)} at ${page.url()}, attachments ` +
		      `[${names.join(' | ')}]: ${await errorsShown(page)}`);
	});
	await visited(page, 'record-attached', '28-record-attached-desktop.png');
	await a11y(browser, 'record-view', ed.ctx, p => p.goto(st.view, { waitUntil: 'load' }));

	// 送审
	await act(page, '送审');
	await step('record/submitted', async () => {
		const s = await statusShown(page);
		check('record/submitted', s === '待审' && (await notice(page)).includes('已送审') &&
		      !await page.getByRole('link', { name: '编辑', exact: true }).count(),
		      `after 送审: status "${s}", notice "${await notice(page)}"`);
	});
	await visited(page, 'record-review', '29-record-review-desktop.png');
}

async function reviewerReturns(browser) {
	const rv = await signIn(browser, 'wyh_reviewer', false);
	st.reviewer = rv;
	const { page } = rv;
	await openFromQueue(rv, '待审', st.id, 'reviewer', '30-queue-review-desktop.png');
	await step('reviewer/buttons', async () => {
		const b = await page.locator('main section.actions button').allInnerTexts();
		check('reviewer/buttons', b.includes('审核通过') && b.includes('退回') &&
		      !b.includes('签发') && !b.includes('批准发布'),
		      `the 审核人's buttons on a 待审 record: [${b.join('、')}]`);
	});
	await visited(page, 'record-to-review', '31-record-reviewer-desktop.png');
	await act(page, '退回', '退回原因', RETURN_REASON);
	await step('reviewer/returned', async () => {
		const s = await statusShown(page);
		check('reviewer/returned', s === '草稿' &&
		      (await notice(page)).includes('已退回'),
		      `after 退回: status "${s}", notice "${await notice(page)}"`);
	});
	await visited(page, 'record-returned', '32-record-returned-desktop.png');
}

async function editorFixes(browser) {
	const { page } = st.editor;
	const row = await openFromQueue(st.editor, '待办', st.id, 'todo',
		'33-queue-todo-desktop.png');
	check('todo/returned-tag', row.includes('已退回'),
	      `the 待办 row of the record is "${row}": want the 已退回 tag`);
	await step('todo/reason', async () => {
		const t = await text(page.locator('main [role="alert"]'));
		check('todo/reason', t.includes(RETURN_REASON),
		      `the returned record shows "${t}": want the reason ${RETURN_REASON}`);
	});
	await visited(page, 'record-returned-editor', '34-record-returned-editor-desktop.png');
	let r = await follow(page, page.getByRole('link', { name: '编辑', exact: true }));
	must('edit/status', status(r) === 200 &&
	     new URL(page.url()).pathname === `/admin/records/${st.id}/edit`,
	     `编辑 led to ${page.url()} (${status(r)})`);
	await step('edit/prefilled', async () => {
		const t = await titleField(page).inputValue();
		const b = await page.getByRole('textbox', { name: /^正文/ }).inputValue();
		check('edit/prefilled', t === TITLE_BAD && b.replace(/\r\n/g, '\n') === BODY_MD,
		      `the edit form has title "${t}", body kept ${b.replace(/\r\n/g, '\n') === BODY_MD}`);
	});
	await titleField(page).fill(TITLE_GOOD);
	await visited(page, 'edit', '35-record-edit-desktop.png');
	r = await follow(page, button(page, '保存草稿'));
	must('edit/saved', status(r) === 200 && (await notice(page)).includes('已保存') &&
	     await text(page.locator('h1')) === TITLE_GOOD,
	     `saving the edit led to ${page.url()} (${status(r)}): ${await errorsShown(page)}`);
	await act(page, '送审');
	check('edit/resubmitted', await statusShown(page) === '待审',
	      `after the second 送审 the status is "${await statusShown(page)}"`);
}

async function reviewerPasses() {
	const { page } = st.reviewer;
	await follow(page, page.locator('nav.admin-menu a', { hasText: '工作台' }));
	await openFromQueue(st.reviewer, '待审', st.id, 'reviewer2', null);
	await act(page, '审核通过');
	check('reviewer/passed', await statusShown(page) === '待签',
	      `after 审核通过 the status is "${await statusShown(page)}", want 待签`);
	await visited(page, 'record-to-sign', '36-record-sign-desktop.png');
}

async function signerSigns(browser) {
	const sg = await signIn(browser, 'wyh_signer', false);
	st.signer = sg;
	const { page } = sg;
	await openFromQueue(sg, '待签', st.id, 'signer', '37-queue-sign-desktop.png');
	await act(page, '签发');
	check('signer/signed', await statusShown(page) === '待批',
	      `after 签发 the status is "${await statusShown(page)}", want 待批`);
	await visited(page, 'record-to-approve', '38-record-approve-desktop.png');
}

/* A 信息员 cannot approve: no button, and the server refuses the POST. */
async function editorCannotApprove() {
	const { page } = st.editor;
	await page.goto(base + '/admin/records', { waitUntil: 'load' });
	const r = await follow(page, page.locator('nav[aria-label="工作队列"] a',
		{ hasText: '待批' }));
	await step('authz/editor-approve-queue', async () => {
		const listed = await page.locator(`main table.grid a[href="/admin/records/${st.id}"]`).count();
		note(`the 信息员's 待批 tab (${status(r)}) lists the record: ${listed ? 'yes' : 'no'}`);
		await shoot(page, '39-editor-approve-queue-desktop.png');
		await page.goto(st.view, { waitUntil: 'load' });
		const b = await page.locator('main section.actions button').allInnerTexts();
		check('authz/editor-approve-queue', !b.includes('批准发布') &&
		      !b.includes('审核通过') && !b.includes('签发'),
		      `the 信息员 sees [${b.join('、')}] on a 待批 record`);
	});
	await step('authz/editor-approve-post', async () => {
		const csrf = await page.locator('input[name="csrf"]').first().getAttribute('value');
		const rp = await page.request.post(`${st.view}/action`, { maxRedirects: 0,
			form: { csrf, action: 'pass' } });
		await page.reload({ waitUntil: 'load' });
		const s = await statusShown(page);
		check('authz/editor-approve-post', rp.status() === 403 && s === '待批',
		      `a 信息员's POST action=pass on a 待批 record answered ${rp.status()}; ` +
		      `status now "${s}"`);
	});
}

async function officeApproves(browser) {
	const of = await signIn(browser, 'yl_office', false);
	st.office = of;
	const { page } = of;
	await openFromQueue(of, '待批', st.id, 'office', '40-queue-approve-office-desktop.png');
	await visited(page, 'record-office', '41-record-office-desktop.png');
	await act(page, '批准发布');
	await step('office/published', async () => {
		const s = await statusShown(page);
		const pub = await page.locator('main p.lead a[href="/record/' + st.id + '"]').count();
		st.indexNo = await page.evaluate(() => {
			const th = [...document.querySelectorAll('table.docmeta th')]
				.find(t => t.textContent === '索引号');
			return th ? th.nextElementSibling.textContent.trim() : '';
		});
		check('office/published', s === '已发布' && pub === 1 && /\S/.test(st.indexNo) &&
		      st.indexNo !== '—', `after 批准发布: status "${s}", ${pub} link(s) to ` +
		      `the public page, 索引号 "${st.indexNo}"`);
	});
	await visited(page, 'record-published', '42-record-published-desktop.png');
}

/* The public column, without cookies. */
async function publicShows(browser) {
	const ctx = await newContext(browser);
	try {
		const page = await ctx.newPage();
		page.setDefaultTimeout(10000);
		const r = await page.goto(`${base}/record/${st.id}`, { waitUntil: 'load' });
		must('public/record', status(r) === 200, `/record/${st.id} answered ${status(r)}`);
		await step('public/record-content', async () => {
			const h1 = await text(page.locator('h1'));
			const meta = await page.evaluate(() => Object.fromEntries(
				[...document.querySelectorAll('table.docmeta tr')].map(tr =>
					[tr.querySelector('th').textContent,
					 tr.querySelector('td').textContent.trim()])));
			const lis = await page.locator('main li', { hasText: LIST_ITEMS[0] }).count();
			check('public/record-content', h1 === TITLE_GOOD && meta['索引号'] === st.indexNo &&
			      lis >= 1, `h1 "${h1}", 索引号 "${meta['索引号']}" (back office: ` +
			      `"${st.indexNo}"), body list ${lis ? 'shown' : 'missing'}`);
		});
		await step('public/attachment', async () => {
			const a = page.locator('main a[href^="/file/"]', { hasText: '招生政策' });
			if (!await a.count())
				return notOk('public/attachment', 'the public record has no link to 招生政策.pdf');
			const href = new URL(await a.first().getAttribute('href'), page.url()).href;
			const ra = await page.request.get(href);
			const body = await ra.body();
			check('public/attachment', ra.status() === 200 &&
			      (ra.headers()['content-type'] || '').startsWith('application/pdf') &&
			      body.subarray(0, 5).toString('latin1') === '%PDF-',
			      `${href}: ${ra.status()} ${ra.headers()['content-type']}`);
		});
		await shoot(page, '43-public-record-desktop.png');
		const crumb = page.locator('nav[aria-label="当前位置"] a', { hasText: st.itemName });
		const ri = await follow(page, crumb.last());
		must('public/item', status(ri) === 200 && /\/r\/\d+\/i\/\d+\/$/.test(page.url()),
		     `the breadcrumb's ${st.itemName} led to ${page.url()} (${status(ri)})`);
		st.itemUrl = page.url();
		const listed = await page.locator(`section[aria-labelledby="recs"] a[href="/record/${st.id}"]`);
		check('public/item-lists', await listed.count() >= 1 &&
		      (await listed.first().innerText()).includes(TITLE_GOOD),
		      `${st.itemUrl} does not list /record/${st.id}`);
	} finally {
		await ctx.close();
	}
}

async function editorWithdraws() {
	const { page } = st.editor;
	await page.goto(st.view, { waitUntil: 'load' });
	await act(page, '撤回', '撤回原因', WITHDRAW_REASON);
	await step('withdraw/done', async () => {
		const s = await statusShown(page);
		const t = await text(page.locator('main'));
		check('withdraw/done', s === '已撤回' && t.includes(WITHDRAW_REASON) &&
		      (await notice(page)).includes('已撤回'),
		      `after 撤回: status "${s}", notice "${await notice(page)}", reason ` +
		      `${t.includes(WITHDRAW_REASON) ? 'shown' : 'missing'}`);
	});
	await visited(page, 'record-withdrawn', '44-record-withdrawn-desktop.png');
	await page.goto(base + '/admin/records?queue=withdrawn', { waitUntil: 'load' });
	check('withdraw/queue', await page.locator(
		`main table.grid a[href="/admin/records/${st.id}"]`).count() === 1,
	      'the 已撤回 queue does not list the record');
	await visited(page, 'queue-withdrawn', '45-queue-withdrawn-desktop.png');
}

async function publicGone(browser) {
	const ctx = await newContext(browser);
	try {
		const page = await ctx.newPage();
		const r = await page.goto(`${base}/record/${st.id}`, { waitUntil: 'load' });
		check('public/withdrawn-404', status(r) === 404,
		      `/record/${st.id} answered ${status(r)} after 撤回, want 404`);
		if (st.itemUrl) {
			await page.goto(st.itemUrl, { waitUntil: 'load' });
			const n = await page.locator(`main a[href="/record/${st.id}"]`).count();
			check('public/item-unlisted', n === 0,
			      `${st.itemUrl} still links to /record/${st.id} after 撤回`);
		}
	} finally {
		await ctx.close();
	}
}

async function history(browser) {
	const { page } = st.editor;
	await page.goto(st.view, { waitUntil: 'load' });
	const link = page.locator('main a', { hasText: '修订历史' });
	const rev = +((/第\s*(\d+)\s*版/.exec(await text(link)) || [])[1] || 0);
	const r = await follow(page, link);
	must('history/status', status(r) === 200, `修订历史 answered ${status(r)}`);
	const rows = await page.evaluate(() =>
		[...document.querySelectorAll('main table.grid:not(.diff) tbody tr')].map(tr =>
			[...tr.children].map(c => c.textContent.trim())));
	const revs = rows.map(c => +((/\d+/.exec(c[0]) || [])[0] || 0));
	note('history: ' + rows.map(c => `${c[0]} ${c[4]} ${c[5]}`).join('；'));
	check('history/all-revisions', rev >= 9 && revs.length === rev &&
	      revs.every((v, i) => v === i + 1),
	      `the record is at 第 ${rev} 版; the history lists [${revs.join(' ')}]`);
	await visited(page, 'history', null);
	// the revisions around the title fix: the first whose title is the new one
	let after = 0;
	for (const v of revs) {
		await page.goto(`${st.view}/history?a=${Math.max(1, v - 1)}&b=${v}`,
			{ waitUntil: 'load' });
		const t = await page.locator('main table.diff tr:has(th:text-is("标题"))').count();
		if (v > 1 && t) {
			after = v;
			break;
		}
	}
	// choose them like a person: the radio buttons, 比较所选版本
	await page.goto(`${st.view}/history`, { waitUntil: 'load' });
	must('history/title-change', after > 1, 'no pair of revisions differs in 标题');
	await page.getByLabel(`第 ${after - 1} 版作为旧版本`, { exact: true }).check();
	await page.getByLabel(`第 ${after} 版作为新版本`, { exact: true }).check();
	const rc = await follow(page, button(page, '比较所选版本'));
	await step('history/diff', async () => {
		const row = page.locator('main table.diff tr:has(th:text-is("标题"))');
		const del = await text(row.locator('del'));
		const ins = await text(row.locator('ins'));
		const h2 = await text(page.locator('main h2'));
		check('history/diff', status(rc) === 200 && del === TITLE_BAD && ins === TITLE_GOOD &&
		      h2.includes(`第 ${after - 1} 版与第 ${after} 版`),
		      `comparing 第 ${after - 1} and ${after} 版: "${h2}", 标题 <del>${del}</del> ` +
		      `<ins>${ins}</ins>`);
	});
	await shoot(page, '46-history-diff-desktop.png');
	await a11y(browser, 'history', st.editor.ctx, p =>
		p.goto(`${st.view}/history?a=${after - 1}&b=${after}`, { waitUntil: 'load' }));
}

/* The login, dashboard and record form at phone width; login and the
 * record form (with its preview) through axe. */
async function phoneAndA11y(browser) {
	const ctx = await newContext(browser, { ...PHONE });
	try {
		const page = await ctx.newPage();
		page.setDefaultTimeout(10000);
		await page.goto(base + '/admin/login', { waitUntil: 'load' });
		await shoot(page, '20-login-phone.png');
		await noOverflow(page, 'phone/login-no-overflow');
		await ctx.addCookies(await st.editor.ctx.cookies());
		await page.goto(base + '/admin/', { waitUntil: 'load' });
		await shoot(page, '22-dashboard-phone.png');
		await noOverflow(page, 'phone/dashboard-no-overflow');
		if (st.formUrl) {
			await page.goto(st.formUrl, { waitUntil: 'load' });
			await titleField(page).fill(TITLE_GOOD);
			await page.getByRole('textbox', { name: /^正文/ }).fill(BODY_MD);
			await follow(page, button(page, '预览正文'));
			await shoot(page, '24-record-form-phone.png');
			await noOverflow(page, 'phone/record-form-no-overflow');
		}
	} finally {
		await ctx.close();
	}
	await a11y(browser, 'login', null, p => p.goto(base + '/admin/login',
		{ waitUntil: 'load' }));
	if (st.formUrl)
		await a11y(browser, 'record-form', st.editor.ctx, async p => {
			await p.goto(st.formUrl, { waitUntil: 'load' });
			await titleField(p).fill(TITLE_GOOD);
			await p.getByRole('textbox', { name: /^正文/ }).fill(BODY_MD);
			await follow(p, button(p, '预览正文'));
		});
}

/* --- main ------------------------------------------------------------------ */

async function main() {
	if (!/^https?:\/\/[^/]+$/.test(base)) {
		notOk('backoffice/usage', 'usage: node tests/e2e/backoffice.mjs http://127.0.0.1:PORT');
		return;
	}
	mkdirSync(shots, { recursive: true });
	for (const f of readdirSync(shots))
		if (/^[2-9]\d-.*\.png$/.test(f))
			unlinkSync(join(shots, f));

	let browser;
	try {
		browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
			args: CHROMIUM_ARGS, timeout: 30000 });
	} catch (e) {
		notOk('backoffice/launch', e.message.split('\n')[0]);
		return;
	}
	const t0 = Date.now();
	try {
		const stages = [
			['journey/editor-creates', () => editorCreates(browser)],
			['journey/reviewer-returns', () => reviewerReturns(browser)],
			['journey/editor-fixes', () => editorFixes(browser)],
			['journey/reviewer-passes', () => reviewerPasses(browser)],
			['journey/signer-signs', () => signerSigns(browser)],
			['journey/editor-cannot-approve', () => editorCannotApprove(browser)],
			['journey/office-approves', () => officeApproves(browser)],
			['journey/public-shows', () => publicShows(browser)],
			['journey/editor-withdraws', () => editorWithdraws(browser)],
			['journey/public-gone', () => publicGone(browser)],
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
				if (!(e instanceof Stop))
					notOk(name, e && e.message ? e.message.split('\n')[0] : e);
				stopped = `${name} did not get through`;
			}
		}
		// these need only the record and the editor's session
		if (st.id && st.editor)
			await step('journey/history', () => history(browser)
				.catch(e => { if (!(e instanceof Stop)) throw e; }));
		else
			notOk('journey/history', 'skipped: no record was created');
		if (st.editor)
			await step('backoffice/phone-a11y', () => phoneAndA11y(browser));
		else
			notOk('backoffice/phone-a11y', 'skipped: the 信息员 could not sign in');
		check('backoffice/no-5xx', !server5xx.length,
		      `the server answered 5xx: ${server5xx.slice(0, 3).join('; ')}`);
	} finally {
		for (const u of ['editor', 'reviewer', 'signer', 'office'])
			if (st[u])
				await st[u].ctx.close().catch(() => {});
		await browser.close().catch(() => {});
		note(`back-office tests took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	}
}

process.on('unhandledRejection', e => {
	notOk('backoffice/unhandled', e && e.message ? e.message.split('\n')[0] : e);
});

const watchdog = setTimeout(() => {
	notOk('backoffice/time', `the back-office tests took longer than ${WATCHDOG_MS / 1000} s`);
	process.exit(1);
}, WATCHDOG_MS);

try {
	await main();
} catch (e) {
	notOk('backoffice/uncaught', e && e.stack ? e.stack.split('\n').slice(0, 2).join(' ') : e);
}
clearTimeout(watchdog);
note(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
