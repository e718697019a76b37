// e2e.mjs: browser tests of gongkai's public pages.
//
//   node tests/e2e/e2e.mjs http://127.0.0.1:PORT
//
// Debian's chromium, driven by playwright-core, walks the Changsha demo the
// way a person does — by clicking, with JavaScript off (the pages must work
// without it): home → 岳麓区 on the map → a domain with records → an item
// with records → a record, plus 长者模式, the catalog downloads, 网站地图,
// 公开指南 and a 404.  Every journey page is photographed at desktop width
// and at phone width (where the page itself must not scroll sideways).
// axe-core checks each page in a second context with JavaScript on; the
// keyboard is checked on the home page (skip link, map links).
//
// Prints one "ok NAME" or "not ok NAME: why" per check (tests/run counts
// them) and "# ..." comments; exits 1 if any check failed.

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
const DISTRICTS = ['芙蓉区', '天心区', '岳麓区', '开福区', '雨花区', '望城区',
	'长沙县', '浏阳市', '宁乡市'];
const REGION = '岳麓区';
const PREFERRED_DOMAINS = ['社会救助', '义务教育'];
const CATALOG_COLUMNS = ['公开内容（要素）', '公开依据', '公开时限', '公开主体',
	'公开渠道和载体', '公开对象', '公开方式', '公开层级'];
const DOCMETA = ['索引号', '主题分类', '发布机构', '成文日期', '发布日期', '文号',
	'有效性'];
const LIST_WORDS = /名录|名单|名册|一览表/;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
	isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const WATCHDOG_MS = 110000;

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

/* --- page helpers --------------------------------------------------------- */

/* Follow a link by clicking it; the navigation's final response. */
async function follow(page, locator, clickOptions = {}) {
	const nav = page.waitForNavigation({ waitUntil: 'load', timeout: 15000 });
	nav.catch(() => {});	// a failed click must not leave it unhandled
	await locator.click({ timeout: 10000, ...clickOptions });
	return await nav;
}

async function text(locator) {
	return (await locator.innerText({ timeout: 5000 })).replace(/\s+/g, ' ').trim();
}

async function allTexts(locator) {
	return (await locator.allInnerTexts()).map(s => s.replace(/\s+/g, ' ').trim());
}

/* The checks every page gets: language, title, one <h1>. */
async function basics(page, key) {
	await step(`${key}/lang`, async () => {
		const lang = await page.getAttribute('html', 'lang');
		check(`${key}/lang`, lang === 'zh-CN', `<html lang="${lang}">, want zh-CN`);
	});
	await step(`${key}/title`, async () => {
		const t = await page.title();
		check(`${key}/title`, t.trim().length > 0, 'the <title> is empty');
	});
	await step(`${key}/one-h1`, async () => {
		const n = await page.locator('h1').count();
		check(`${key}/one-h1`, n === 1, `${n} <h1> elements, want exactly one`);
	});
}

function status(resp) {
	return resp ? resp.status() : 0;
}

async function shoot(page, file) {
	try {
		await page.screenshot({ path: join(shots, file), fullPage: true,
			timeout: 15000 });
	} catch (e) {
		note(`screenshot ${file} failed: ${oneLine(e.message)}`);
	}
}

/* Elements sticking out to the right of the viewport that make the page
 * scroll sideways: outside any box that scrolls by itself, or absolutely
 * positioned (those escape a scroller that is not their containing block). */
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
			const box = el.closest('.table-scroll');
			if (box && box !== el)
				s = `.table-scroll ${s}`;
			return s;
		};
		const seen = new Set();
		for (const el of document.body.querySelectorAll('*')) {
			if (!sticksOut(el) || sticksOut(el.parentElement))
				continue;	// report the outermost one only
			const r = el.getBoundingClientRect();
			const n = `${name(el)} (right edge at ${Math.round(r.right)}px, ` +
				`position ${getComputedStyle(el).position})`;
			if (seen.has(name(el)))
				continue;
			seen.add(name(el));
			out.push(n);
			if (out.length >= 3)
				break;
		}
		return out;
	});
}

/* The page must not scroll sideways.  window.innerWidth is not the measure
 * on a phone: a mobile browser zooms out to show overflowing content, and
 * innerWidth grows with it; clientWidth stays the device's width. */
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
			notOk(name, `the page scrolls sideways: scrollWidth ${m.sw} > ` +
			      `width ${m.iw}` + (c.length ? `; sticking out: ${c.join(', ')}` : ''));
		}
	});
}

/* --- the journey (JavaScript off, desktop) --------------------------------- */

const urls = {};	// key → absolute URL of each page reached

async function home(page) {
	const resp = await page.goto(base + '/', { waitUntil: 'load' });
	if (!check('home/status', status(resp) === 200, `GET / answered ${status(resp)}`))
		return false;
	urls.home = page.url();
	await basics(page, 'home');
	await step('home/stylesheet', async () => {
		const bg = await page.evaluate(() =>
			getComputedStyle(document.querySelector('.masthead')).backgroundColor);
		check('home/stylesheet', bg === 'rgb(179, 18, 27)',
		      `masthead background is ${bg}: /static/style.css not applied?`);
	});
	await step('home/meta', async () => {
		const missing = [];
		for (const n of ['SiteName', 'ColumnName', 'ColumnType']) {
			const c = await page.locator(`meta[name="${n}"]`).getAttribute('content',
				{ timeout: 1000 }).catch(() => null);
			if (!c || !c.trim())
				missing.push(n);
		}
		const vp = await page.locator('meta[name="viewport"]').count();
		if (!vp)
			missing.push('viewport');
		check('home/meta', !missing.length, `missing or empty <meta name>: ${missing.join(', ')}`);
	});
	await step('home/skip-link', async () => {
		const r = await page.evaluate(() => {
			const first = document.body.firstElementChild;
			const main = document.getElementById('main');
			return {
				first: first ? first.outerHTML.slice(0, 80) : '',
				isSkip: !!first && first.matches('a.skip[href="#main"]'),
				main: main ? main.tagName : '',
			};
		});
		check('home/skip-link', r.isSkip && r.main === 'MAIN',
		      `first element of <body> is ${r.first}; #main is <${r.main}>`);
	});
	await step('home/map', async () => {
		const svg = page.locator('svg.gk-map');
		const n = await svg.count();
		if (!check('home/map', n === 1, `${n} svg.gk-map elements, want 1`))
			return;
		const links = await page.evaluate(() =>
			[...document.querySelectorAll('svg.gk-map a')].map(a => ({
				href: a.getAttribute('href'),
				label: (a.querySelector('text') || {}).textContent || '',
				name: (a.querySelector('title') || {}).textContent || '',
			})));
		const labels = links.map(l => l.label.trim()).sort();
		const want = [...DISTRICTS].sort();
		check('home/map-districts', JSON.stringify(labels) === JSON.stringify(want),
		      `map links' labels are [${labels.join(' ')}], want the 9 districts`);
		const bad = links.filter(l => !/^\/r\/\d{6,12}\/$/.test(l.href || '') ||
			!l.name.trim() || !l.label.trim());
		check('home/map-links', links.length === 9 && !bad.length,
		      `${links.length} map links; without href, title or label: ` +
		      bad.map(l => JSON.stringify(l)).join(' '));
	});
	await step('home/domains', async () => {
		const n = await page.locator('ul.domains > li').count();
		check('home/domains', n === 26, `${n} domains listed, want 26`);
	});
	await step('home/footer', async () => {
		const t = await text(page.locator('footer'));
		const missing = ['主办单位', '网站标识码', 'ICP备案号', '公安机关备案号']
			.filter(w => !t.includes(w));
		check('home/footer', !missing.length, `the footer lacks ${missing.join(', ')}`);
	});
	await shoot(page, '01-home-desktop.png');
	await noOverflow(page, 'desktop/home-no-overflow');
	return true;
}

/* Click a district on the map: on the region's own fill, where its label
 * sits (the middle of its bounding box may be a neighbour). */
async function region(page) {
	const idx = await page.evaluate(name =>
		[...document.querySelectorAll('svg.gk-map a')].findIndex(a =>
			(a.querySelector('text') || {}).textContent === name), REGION);
	if (!check('region/map-link', idx >= 0, `no ${REGION} link in the map`))
		return false;
	const link = page.locator('svg.gk-map a').nth(idx);
	const box = await link.boundingBox();
	const label = await link.locator('text').boundingBox().catch(() => null);
	const position = box && label ? {
		x: label.x + label.width / 2 - box.x,
		y: label.y + label.height / 2 - box.y,
	} : undefined;
	const resp = await follow(page, link, position ? { position } : {});
	if (!check('region/status', status(resp) === 200 &&
		   /\/r\/\d+\/$/.test(page.url()),
		   `clicking ${REGION} on the map led to ${page.url()} (${status(resp)})`))
		return false;
	urls.region = page.url();
	await basics(page, 'region');
	await step('region/heading', async () => {
		const t = await page.title();
		const h1 = await text(page.locator('h1').first());
		check('region/heading', t.includes(REGION) && h1.includes(REGION),
		      `title "${t}", h1 "${h1}": want ${REGION}`);
	});
	await step('region/breadcrumb', async () => {
		const t = await text(page.locator('nav[aria-label="当前位置"]'));
		check('region/breadcrumb', t.includes('首页') && t.includes(REGION),
		      `breadcrumb is "${t}"`);
	});
	await shoot(page, '02-region-desktop.png');
	await noOverflow(page, 'desktop/region-no-overflow');
	return true;
}

/* The region's domains with their counts; click one with records. */
async function domain(page, state) {
	const doms = await page.evaluate(() =>
		[...document.querySelectorAll('ul.domains li')].map((li, i) => {
			const a = li.querySelector('a');
			const name = (li.querySelector('.name') || li).textContent.trim();
			const m = (li.querySelector('.count') || {}).textContent || '';
			const n = /([\d,]+)\s*条/.exec(m);
			return { i, name, linked: !!a, count: n ? +n[1].replace(/,/g, '') : -1 };
		}));
	check('region/domains', doms.length === 26 && doms.some(d => d.linked && d.count >= 0),
	      `${doms.length} domains, ${doms.filter(d => d.linked).length} linked with a count`);
	const withRecs = doms.filter(d => d.linked && d.count > 0);
	let pick = PREFERRED_DOMAINS.map(n => withRecs.find(d => d.name === n)).find(Boolean) ||
		withRecs[0];
	if (!check('region/domain-with-records', pick,
		   `no domain of ${REGION} shows a count > 0 (` +
		   doms.filter(d => d.linked).map(d => `${d.name} ${d.count}`).join('，') +
		   '): the demo has no public records here')) {
		// go on with a domain without records: its page can still be checked
		pick = PREFERRED_DOMAINS.map(n => doms.find(d => d.linked && d.name === n))
			.find(Boolean) || doms.find(d => d.linked);
		if (!pick)
			return false;
	}
	note(`domain: ${pick.name} (${pick.count} records)`);
	state.domain = pick.name;
	const resp = await follow(page, page.locator('ul.domains li').nth(pick.i).locator('a'));
	if (!check('domain/status', status(resp) === 200 && /\/d\/[a-z0-9_-]+\/$/.test(page.url()),
		   `clicking ${pick.name} led to ${page.url()} (${status(resp)})`))
		return false;
	urls.domain = page.url();
	await basics(page, 'domain');
	await step('domain/heading', async () => {
		const t = await page.title();
		check('domain/heading', t.includes(pick.name) && t.includes(REGION),
		      `title "${t}": want ${pick.name} and ${REGION}`);
	});
	await step('domain/catalog-columns', async () => {
		const heads = await allTexts(page.locator('table.catalog thead th'));
		const at = CATALOG_COLUMNS.map(c => heads.indexOf(c));
		const inOrder = at.every((v, k) => v >= 0 && (k === 0 || v > at[k - 1]));
		check('domain/catalog-columns', inOrder,
		      `catalog table headers are [${heads.join(' | ')}]`);
	});
	await step('domain/catalog-rows', async () => {
		const n = await page.locator('table.catalog tbody tr:not(.group)').count();
		check('domain/catalog-rows', n > 0, 'the catalog table has no item rows');
	});
	await step('domain/table-scroll', async () => {
		const n = await page.locator('.table-scroll table.catalog').count();
		check('domain/table-scroll', n === 1, 'the catalog table is not inside a .table-scroll box');
	});
	await downloads(page);
	await shoot(page, '03-domain-desktop.png');
	await noOverflow(page, 'desktop/domain-no-overflow');
	return true;
}

/* The catalog downloads of the domain page: both answer 200 with the right
 * type, as attachments. */
async function downloads(page) {
	for (const [ext, type] of [['xlsx', XLSX_TYPE], ['csv', 'text/csv']]) {
		const name = `domain/download-${ext}`;
		await step(name, async () => {
			const a = page.locator(`main a[href$=".${ext}"]`).first();
			if (!await a.count())
				return notOk(name, `no .${ext} download link on the page`);
			const href = new URL(await a.getAttribute('href'), page.url()).href;
			const r = await page.request.get(href, { timeout: 15000 });
			const h = r.headers();
			const body = await r.body();
			const why = [];
			if (r.status() !== 200)
				why.push(`status ${r.status()}`);
			if (!(h['content-type'] || '').startsWith(type))
				why.push(`Content-Type "${h['content-type']}"`);
			if (!/^attachment;.*filename/.test(h['content-disposition'] || ''))
				why.push(`Content-Disposition "${h['content-disposition']}"`);
			if (ext === 'xlsx' && body.subarray(0, 2).toString('latin1') !== 'PK')
				why.push('the body is not a zip (.xlsx) file');
			if (ext === 'csv' && !body.toString('utf8').includes('公开内容'))
				why.push('the CSV has no 公开内容 column');
			check(name, !why.length, `${href}: ${why.join('; ')}`);
		});
	}
}

/* The items of the domain page that have records: [{ row, name, list }] */
async function itemsWithRecords(page) {
	return await page.evaluate(() => {
		const rows = [...document.querySelectorAll('table.catalog tbody tr:not(.group)')];
		return rows.map((tr, row) => {
			const a = tr.querySelector('th[scope="row"] a');
			const num = tr.querySelector('td.num');
			const m = num ? /([\d,]+)/.exec(num.textContent) : null;
			const elems = (tr.children[2] || {}).textContent || '';
			return {
				row,
				name: a ? a.textContent.trim() : '',
				count: m ? +m[1].replace(/,/g, '') : 0,
				firstElement: elems.split(/[●〇○]/).map(s => s.trim()).filter(Boolean)[0] || '',
			};
		}).filter(r => r.name && r.count > 0);
	});
}

function isList(it) {
	return LIST_WORDS.test(it.name) || /名称$/.test(it.firstElement);
}

async function clickItem(page, it) {
	const row = page.locator('table.catalog tbody tr:not(.group)').nth(it.row);
	return await follow(page, row.locator('th[scope="row"] a'));
}

/* The item page: the standard columns and the records. */
async function itemChecks(page, key, name, state) {
	await basics(page, key);
	await step(`${key}/heading`, async () => {
		const h1 = await text(page.locator('h1').first());
		check(`${key}/heading`, h1 === name, `h1 "${h1}", want "${name}"`);
	});
	await step(`${key}/columns`, async () => {
		const dts = await allTexts(page.locator('dl.columns dt'));
		const missing = CATALOG_COLUMNS.filter(c => !dts.includes(c));
		check(`${key}/columns`, !missing.length, `the item lacks ${missing.join(', ')}`);
	});
	await step(`${key}/breadcrumb`, async () => {
		const t = await text(page.locator('nav[aria-label="当前位置"]'));
		check(`${key}/breadcrumb`, t.includes(REGION) && t.includes(state.domain) &&
		      t.includes(name), `breadcrumb is "${t}"`);
	});
	return await step(`${key}/records`, async () => {
		const h = await text(page.locator('#recs'));
		const m = /（([\d,]+)\s*条）/.exec(h);
		const total = m ? +m[1].replace(/,/g, '') : -1;
		const links = await page.locator('section[aria-labelledby="recs"] a[href^="/record/"]').count();
		check(`${key}/records`, total > 0 && links > 0,
		      `"${h}" with ${links} record links: want records`);
		return links;
	});
}

async function item(page, state) {
	const items = await itemsWithRecords(page);
	state.items = items;
	let pick = items.find(it => !isList(it)) || items[0];
	if (!check('domain/item-with-records', pick,
		   `no item of ${state.domain} in ${REGION} has records (公开信息 column all 0)`)) {
		const first = await page.locator('table.catalog th[scope="row"] a').first();
		if (!await first.count())
			return false;
		pick = { name: await text(first), row: -1 };
		await follow(page, first);
	} else {
		note(`item: ${pick.name} (${pick.count} records)`);
		await clickItem(page, pick);
	}
	if (!check('item/status', /\/i\/\d+\/$/.test(page.url()),
		   `clicking ${pick.name} led to ${page.url()}`))
		return false;
	urls.item = page.url();
	state.item = pick.name;
	const links = await itemChecks(page, 'item', pick.name, state);
	await shoot(page, '04-item-desktop.png');
	await noOverflow(page, 'desktop/item-no-overflow');
	return links > 0;
}

async function record(page, state) {
	const a = page.locator('section[aria-labelledby="recs"] a[href^="/record/"]').first();
	const title = (await a.textContent()).replace(/^查看/, '').trim();
	const resp = await follow(page, a);
	if (!check('record/status', status(resp) === 200 && /\/record\/\d+$/.test(page.url()),
		   `clicking a record led to ${page.url()} (${status(resp)})`))
		return false;
	urls.record = page.url();
	await basics(page, 'record');
	await step('record/heading', async () => {
		const h1 = await text(page.locator('h1').first());
		const t = await page.title();
		check('record/heading', h1 === title && t.includes(title),
		      `h1 "${h1}", title "${t}": want the record's title "${title}"`);
	});
	await step('record/metadata', async () => {
		const rows = await page.evaluate(() =>
			Object.fromEntries([...document.querySelectorAll('table.docmeta tr')].map(tr =>
				[(tr.querySelector('th') || {}).textContent || '',
				 ((tr.querySelector('td') || {}).textContent || '').trim()])));
		const missing = DOCMETA.filter(k => !(k in rows));
		const empty = ['索引号', '发布机构', '发布日期', '有效性']
			.filter(k => k in rows && (!rows[k] || rows[k] === '—'));
		const date = rows['发布日期'] || '';
		check('record/metadata', !missing.length && !empty.length &&
		      /^\d{4}-\d{2}-\d{2}$/.test(date),
		      `metadata block: missing [${missing.join(' ')}], empty [${empty.join(' ')}], ` +
		      `发布日期 "${date}"`);
	});
	await step('record/breadcrumb', async () => {
		const t = await text(page.locator('nav[aria-label="当前位置"]'));
		check('record/breadcrumb', t.includes(REGION) && t.includes(state.domain) &&
		      t.includes(state.item), `breadcrumb is "${t}": want ${REGION} › ` +
		      `${state.domain} › ${state.item}`);
	});
	await step('record/meta', async () => {
		const at = await page.locator('meta[name="ArticleTitle"]')
			.getAttribute('content', { timeout: 1000 }).catch(() => null);
		const pd = await page.locator('meta[name="PubDate"]')
			.getAttribute('content', { timeout: 1000 }).catch(() => null);
		check('record/meta', at === title && !!pd,
		      `<meta name="ArticleTitle"> is "${at}" (want "${title}"), PubDate "${pd}"`);
	});
	await shoot(page, '05-record-desktop.png');
	await noOverflow(page, 'desktop/record-no-overflow');
	return true;
}

/* A list-type item (名录): its records in a table, one column per element. */
async function listItem(page, state) {
	let items = state.items || [];
	let cand = items.filter(isList);
	let listDomain = state.domain;
	if (!cand.length && state.domain !== '义务教育') {
		// 义务教育学校名录 is the demo's list: look in 义务教育
		await page.goto(urls.region, { waitUntil: 'load' });
		const a = page.locator('ul.domains a', { hasText: '义务教育' });
		if (await a.count()) {
			await follow(page, a.first());
			items = await itemsWithRecords(page);
			cand = items.filter(isList);
			listDomain = '义务教育';
		}
	} else if (urls.domain && page.url() !== urls.domain) {
		// back to the domain page through the breadcrumb
		await follow(page, page.locator('nav[aria-label="当前位置"] a',
			{ hasText: state.domain }).first());
	}
	if (!check('list-item/found', cand.length,
		   `no list-type item (名录/名单/一览表) with records in ${REGION}`))
		return false;
	const it = cand[0];
	note(`list item: ${it.name} (${it.count} records)`);
	await clickItem(page, it);
	urls.listItem = page.url();
	await itemChecks(page, 'list-item', it.name, { ...state, domain: listDomain });
	await step('list-item/table', async () => {
		const dd = await page.evaluate(() => {
			const dt = [...document.querySelectorAll('dl.columns dt')]
				.find(d => d.textContent === '公开内容（要素）');
			return dt ? dt.nextElementSibling.textContent : '';
		});
		const elems = dd.split(/[●〇○]/).map(s => s.trim()).filter(Boolean);
		const heads = await allTexts(page.locator(
			'section[aria-labelledby="recs"] .table-scroll table.grid thead th'));
		const want = [...elems, '详情'];
		check('list-item/table', JSON.stringify(heads) === JSON.stringify(want),
		      `record table headers [${heads.join(' | ')}], want [${want.join(' | ')}]`);
	});
	await step('list-item/rows', async () => {
		const rows = await page.locator('section[aria-labelledby="recs"] table.grid tbody tr').count();
		const filled = await page.evaluate(() => {
			const th = document.querySelector('section[aria-labelledby="recs"] table.grid tbody th');
			return th ? th.textContent.trim() : '';
		});
		check('list-item/rows', rows > 0 && filled.length > 0,
		      `${rows} rows; first row's first cell "${filled}"`);
	});
	await shoot(page, '06-list-item-desktop.png');
	await noOverflow(page, 'desktop/list-item-no-overflow');
	return true;
}

/* 长者模式: a plain link (no JavaScript) sets a cookie and comes back. */
async function elder(page) {
	await page.goto(urls.region || base + '/', { waitUntil: 'load' });
	const where = page.url();
	const link = page.locator('.tools a[href^="/prefs/elder"]');
	await step('elder/on', async () => {
		const label = await text(link);
		await follow(page, link);
		const r = await page.evaluate(() => ({
			cls: document.documentElement.className,
			size: getComputedStyle(document.documentElement).fontSize,
		}));
		const label2 = await text(link);
		check('elder/on', r.cls.split(/\s+/).includes('elder') && page.url() === where &&
		      r.size === '22px' && label2 !== label,
		      `after clicking "${label}": url ${page.url()} (want ${where}), ` +
		      `<html class="${r.cls}">, font-size ${r.size}, link "${label2}"`);
	});
	await shoot(page, '07-region-elder-desktop.png');
	await step('elder/persists', async () => {
		await follow(page, page.locator('.site-name a'));
		const cls = await page.getAttribute('html', 'class');
		check('elder/persists', (cls || '').includes('elder'),
		      `after following a link the home page has <html class="${cls}">`);
	});
	await step('elder/off', async () => {
		const here2 = page.url();
		await follow(page, link);
		const cls = await page.getAttribute('html', 'class');
		check('elder/off', !(cls || '').includes('elder') && page.url() === here2,
		      `after clicking "退出长者模式": url ${page.url()}, <html class="${cls}">`);
	});
}

async function sitemap(page) {
	await page.goto(base + '/', { waitUntil: 'load' });
	const resp = await follow(page, page.locator('.tools a', { hasText: '网站地图' }));
	if (!check('sitemap/status', status(resp) === 200, `网站地图 answered ${status(resp)}`))
		return;
	urls.sitemap = page.url();
	await basics(page, 'sitemap');
	await step('sitemap/links', async () => {
		const h1 = await text(page.locator('h1').first());
		const regions = await allTexts(page.locator('ul.tree a'));
		const missing = DISTRICTS.filter(d => !regions.includes(d));
		check('sitemap/links', h1 === '网站地图' && !missing.length &&
		      regions.length > 26, `h1 "${h1}"; ${regions.length} links in the tree; ` +
		      `missing ${missing.join(' ')}`);
	});
}

async function guide(page) {
	await page.goto(base + '/', { waitUntil: 'load' });
	const resp = await follow(page, page.locator('main a', { hasText: '政府信息公开指南' }).first());
	if (!check('guide/status', status(resp) === 200, `公开指南 answered ${status(resp)}`))
		return;
	urls.guide = page.url();
	await basics(page, 'guide');
	await step('guide/content', async () => {
		const h1 = await text(page.locator('h1').first());
		const body = await text(page.locator('main section.body'));
		const cur = await page.locator('nav a[aria-current="page"]').count();
		check('guide/content', h1.includes('指南') && body.length > 200 && cur === 1,
		      `h1 "${h1}", ${body.length} characters of text, ${cur} tab marked current`);
	});
}

async function catalogs(page) {
	await page.goto(urls.region || base + '/', { waitUntil: 'load' });
	const resp = await follow(page, page.locator('main a', { hasText: '公开目录下载' }).first());
	if (!check('catalogs/status', status(resp) === 200, `公开目录下载 answered ${status(resp)}`))
		return;
	urls.catalogs = page.url();
	await basics(page, 'catalogs');
	await step('catalogs/list', async () => {
		const rows = await page.locator('table.grid tbody tr').count();
		const x = await page.locator('table.grid a[href$=".xlsx"]').count();
		const c = await page.locator('table.grid a[href$=".csv"]').count();
		check('catalogs/list', rows > 0 && x === rows && c === rows,
		      `${rows} catalogs, ${x} Excel and ${c} CSV links`);
	});
}

async function notFound(page) {
	const resp = await page.goto(base + '/no/such/page', { waitUntil: 'load' });
	urls.notFound = page.url();
	check('404/status', status(resp) === 404, `/no/such/page answered ${status(resp)}`);
	await basics(page, '404');
	await step('404/message', async () => {
		const t = await text(page.locator('main'));
		const home = await page.locator('main a[href="/"]').count();
		check('404/message', /[\u4e00-\u9fff]{4,}/.test(t) && t.includes('不存在') && home > 0,
		      `main text "${t.slice(0, 80)}", ${home} link(s) home`);
	});
	await step('404/record', async () => {
		const r = await page.goto(base + '/record/999999999', { waitUntil: 'load' });
		const t = await text(page.locator('main'));
		check('404/record', status(r) === 404 && /[\u4e00-\u9fff]{4,}/.test(t),
		      `/record/999999999 answered ${status(r)}: "${t.slice(0, 60)}"`);
	});
}

/* --- keyboard (JavaScript off) ------------------------------------------ */

async function keyboard(page) {
	await page.goto(base + '/', { waitUntil: 'load' });
	await step('keyboard/skip-first', async () => {
		await page.keyboard.press('Tab');
		const r = await page.evaluate(() => {
			const el = document.activeElement;
			const b = el.getBoundingClientRect();
			return { html: el.outerHTML.slice(0, 80), skip: el.matches('a.skip'),
				visible: b.left >= 0 && b.top >= 0 && b.width > 0 };
		});
		check('keyboard/skip-first', r.skip && r.visible,
		      r.skip ? 'the skip link gets focus but stays off-screen'
			     : `the first Tab stop is ${r.html}, want the skip link`);
	});
	await step('keyboard/skip-enter', async () => {
		await page.keyboard.press('Enter');
		await page.waitForTimeout(150);
		const tag = await page.evaluate(() => document.activeElement.tagName + '#' +
			document.activeElement.id);
		check('keyboard/skip-enter', tag === 'MAIN#main',
		      `after Enter on the skip link focus is on ${tag}, want <main id="main">`);
	});
	await step('keyboard/map', async () => {
		await page.goto(base + '/', { waitUntil: 'load' });
		let tabs = 0, r = null;
		for (; tabs < 40; tabs++) {
			await page.keyboard.press('Tab');
			r = await page.evaluate(() => {
				const a = document.activeElement;
				if (!a || !a.closest('svg.gk-map'))
					return null;
				const path = a.querySelector('path');
				const other = [...document.querySelectorAll('svg.gk-map a path')]
					.find(p => p !== path);
				const cs = getComputedStyle(a);
				return {
					label: (a.querySelector('text') || {}).textContent,
					outline: cs.outlineStyle,
					stroke: path ? getComputedStyle(path).strokeWidth : '',
					strokeColor: path ? getComputedStyle(path).stroke : '',
					otherStroke: other ? getComputedStyle(other).strokeWidth : '',
					otherColor: other ? getComputedStyle(other).stroke : '',
				};
			});
			if (r)
				break;
		}
		if (!check('keyboard/map', r, 'no map district link reached in 40 Tab presses'))
			return;
		note(`Tab ${tabs + 1} reaches ${r.label} on the map`);
		const visible = r.outline !== 'none' || r.stroke !== r.otherStroke ||
			r.strokeColor !== r.otherColor;
		check('keyboard/map-focus-visible', visible,
		      `focused map link ${r.label}: outline-style ${r.outline}, stroke ` +
		      `${r.strokeColor} ${r.stroke} as unfocused ones (${r.otherColor} ${r.otherStroke})`);
	});
}

/* --- phone width ---------------------------------------------------------- */

async function phone(browser) {
	const ctx = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
	const page = await ctx.newPage();
	page.setDefaultTimeout(10000);
	const pages = [['home', '01-home'], ['region', '02-region'], ['domain', '03-domain'],
		['item', '04-item'], ['record', '05-record'], ['listItem', '06-list-item']];
	for (const [key, file] of pages) {
		const name = `phone/${key === 'listItem' ? 'list-item' : key}`;
		if (!urls[key]) {
			notOk(`${name}-no-overflow`, 'skipped: the journey did not reach this page');
			continue;
		}
		await step(name, async () => {
			const r = await page.goto(urls[key], { waitUntil: 'load' });
			if (status(r) !== 200)
				throw new Error(`${urls[key]} answered ${status(r)}`);
			await shoot(page, `${file}-phone.png`);
			await noOverflow(page, `${name}-no-overflow`);
		});
	}
	// 长者模式 on a phone: the larger type must still fit
	await step('phone/home-elder', async () => {
		await page.goto(base + '/prefs/elder?on=1&back=%2F', { waitUntil: 'load' });
		const cls = await page.getAttribute('html', 'class');
		if (!(cls || '').includes('elder'))
			throw new Error(`长者模式 did not switch on (<html class="${cls}">)`);
		await shoot(page, '07-home-elder-phone.png');
		await noOverflow(page, 'phone/home-elder-no-overflow');
	});
	await ctx.close();
}

/* --- accessibility (JavaScript on, for axe) -------------------------------- */

async function a11y(browser) {
	const axeSource = require('axe-core').source;
	// bypassCSP: the site's Content-Security-Policy forbids inline scripts
	const ctx = await browser.newContext({ ...DESKTOP, javaScriptEnabled: true,
		bypassCSP: true });
	const page = await ctx.newPage();
	page.setDefaultTimeout(15000);
	const list = [['home', 'home'], ['region', 'region'], ['domain', 'domain'],
		['item', 'item'], ['list-item', 'listItem'], ['record', 'record'],
		['sitemap', 'sitemap'], ['guide', 'guide'], ['catalogs', 'catalogs'],
		['404', 'notFound'], ['home-elder', 'home']];
	for (const [name, key] of list) {
		const label = `a11y/${name}`;
		if (!urls[key]) {
			notOk(label, 'skipped: the journey did not reach this page');
			continue;
		}
		await step(label, async () => {
			if (name === 'home-elder') {
				await page.goto(base + '/prefs/elder?on=1&back=%2F', { waitUntil: 'load' });
				const cls = await page.getAttribute('html', 'class');
				if (!(cls || '').includes('elder'))
					throw new Error(`长者模式 did not switch on (<html class="${cls}">)`);
			} else {
				await page.goto(urls[key], { waitUntil: 'load' });
			}
			await page.addScriptTag({ content: axeSource });
			const res = await page.evaluate(() =>
				window.axe.run(document, { resultTypes: ['violations'] }));
			let bad = 0;
			for (const v of res.violations) {
				const target = v.nodes.length ? v.nodes[0].target.join(' ') : '';
				const html = v.nodes.length ? v.nodes[0].html.slice(0, 160) : '';
				if (v.impact === 'serious' || v.impact === 'critical') {
					bad++;
					notOk(label, `${v.id} (${v.impact}) ${target}`);
					note(`  ${v.help}; ${v.nodes.length} element(s), e.g. ${oneLine(html)}`);
				} else {
					note(`${label}: ${v.id} (${v.impact}) ${target}: ${v.help} ` +
					     `[${v.nodes.length} element(s)]`);
				}
			}
			if (!bad)
				ok(label);
		});
	}
	await ctx.close();
}

/* --- main ------------------------------------------------------------------ */

async function main() {
	if (!/^https?:\/\/[^/]+$/.test(base)) {
		notOk('e2e/usage', 'usage: node tests/e2e/e2e.mjs http://127.0.0.1:PORT');
		return;
	}
	mkdirSync(shots, { recursive: true });
	for (const f of readdirSync(shots))
		if (f.endsWith('.png'))
			unlinkSync(join(shots, f));

	let browser;
	try {
		browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
			args: CHROMIUM_ARGS, timeout: 30000 });
	} catch (e) {
		notOk('e2e/launch', e.message.split('\n')[0]);
		return;
	}
	try {
		const ctx = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
		const page = await ctx.newPage();
		page.setDefaultTimeout(10000);
		const state = {};
		const stages = [
			['journey/home', () => home(page)],
			['journey/region', () => region(page)],
			['journey/domain', () => domain(page, state)],
			['journey/item', () => item(page, state)],
			['journey/record', () => record(page, state)],
		];
		let reached = true;
		for (const [name, fn] of stages) {
			if (!reached) {
				notOk(name, 'skipped: the previous page of the journey failed');
				continue;
			}
			reached = await step(name, fn);
		}
		await step('journey/list-item', () => urls.domain ? listItem(page, state) :
			(notOk('list-item/found', 'skipped: no domain page reached'), false));
		await step('journey/elder', () => elder(page));
		await step('journey/sitemap', () => sitemap(page));
		await step('journey/guide', () => guide(page));
		await step('journey/catalogs', () => catalogs(page));
		await step('journey/404', () => notFound(page));
		await step('journey/keyboard', () => keyboard(page));
		await ctx.close();

		await step('e2e/phone', () => phone(browser));
		await step('e2e/a11y', () => a11y(browser));
	} finally {
		await browser.close().catch(() => {});
	}
}

process.on('unhandledRejection', e => {
	notOk('e2e/unhandled', e && e.message ? e.message.split('\n')[0] : e);
});

const watchdog = setTimeout(() => {
	notOk('e2e/time', `the browser tests took longer than ${WATCHDOG_MS / 1000} s`);
	process.exit(1);
}, WATCHDOG_MS);

try {
	await main();
} catch (e) {
	notOk('e2e/uncaught', e && e.stack ? e.stack.split('\n').slice(0, 2).join(' ') : e);
}
clearTimeout(watchdog);
note(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
