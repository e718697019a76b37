/* geo.c: GeoJSON region boundaries → checked shapes → an SVG map
 *
 * Three parts, in this order:
 *  - reading: the text is checked cheaply first (size, UTF-8, nesting and
 *    the number of JSON values, which bounds jansson's memory), then parsed
 *    with jansson and walked feature by feature; each problem is reported
 *    with the feature's number and name and the point it is about, at most
 *    a few per feature, and nothing is kept unless all is well;
 *  - geometry for labels: areas, centroids, even-odd point-in-shape and
 *    horizontal chords, all in plain longitude/latitude (these results do
 *    not change when x is scaled, so no projection is needed);
 *  - drawing: project to a ~1000-unit frame, round to 0.1 unit, drop
 *    repeated points, simplify each ring (Douglas–Peucker), write one path
 *    per region with relative coordinates, escape every text for XML.
 * See geo.h for the contracts.
 */
#include "geo.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/hmap.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/* JSON values allowed before parsing: a position takes 3 ("[", ",", the
 * separating ",") or 4 with altitude; properties get the rest. */
#define GEO_MAX_VALUES (4u * GEO_MAX_POINTS + 1000000u)
/* Problems reported for one feature before only a count is kept. */
#define GEO_MAX_FEATURE_MSG 5
/* Bytes of a name quoted in a message. */
#define GEO_MSG_NAME 60

/* ---------------------------------------------------------------------
 * Reading
 */

struct pctx {
	struct errors *err;
	struct buf where;	/* start of each message, ends in "：" */
	size_t total_pts;	/* points in all rings so far */
	int too_many;		/* GEO_MAX_POINTS passed: stop */
	int failed;		/* a problem in the current feature */
	unsigned nmsg;		/* messages for the current feature */
	unsigned nmore;		/* problems past GEO_MAX_FEATURE_MSG */
};

/* Report a problem of the current feature, after c->where. */
__attribute__((format(printf, 2, 3)))
static void pfail(struct pctx *c, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	c->failed = 1;
	if (c->nmsg >= GEO_MAX_FEATURE_MSG) {
		c->nmore++;
		return;
	}
	c->nmsg++;
	buf_add(&b, c->where.buf, c->where.len);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	errors_addf(c->err, "%s", b.buf);
	buf_release(&b);
}

/* Start a new feature (or geometry): messages begin with 'where'. */
static void pctx_begin(struct pctx *c, const char *where)
{
	buf_reset(&c->where);
	buf_adds(&c->where, where);
	c->failed = 0;
	c->nmsg = c->nmore = 0;
}

/* Close the current feature: count what pfail() left out. */
static void pctx_end(struct pctx *c)
{
	if (c->nmore)
		errors_addf(c->err, "%s……另有 %u 个问题未列出", c->where.buf,
			    c->nmore);
	c->nmore = 0;
}

/* Append at most GEO_MSG_NAME bytes of 's' (well-formed UTF-8) for a
 * message, control characters shown as '?'. */
static void add_short(struct buf *b, const char *s)
{
	const char *p = s;

	while (*p) {
		const char *at = p;
		uint32_t cp = utf8_next(&p);

		if ((size_t)(p - s) > GEO_MSG_NAME) {
			buf_adds(b, "…");
			return;
		}
		if (cp < 0x20 || cp == 0x7f)
			buf_addch(b, '?');
		else
			buf_add(b, at, (size_t)(p - at));
	}
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* A name or code as text: a string (trimmed; empty means none) or, when
 * 'allow_num', an integer.  Sets *out (NULL for none, else the caller
 * frees it); returns -1 after reporting a problem. */
static int text_field(struct pctx *c, json_t *v, const char *label,
		      size_t max, int allow_num, char **out)
{
	struct buf b = BUF_INIT;

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (json_is_string(v)) {
		utf8_trim(&b, json_string_value(v));
		if (!b.len)
			return 0;
		if (b.len > max) {
			pfail(c, "%s太长（%zu 字节，最多 %zu 字节）", label, b.len,
			      max);
			buf_release(&b);
			return -1;
		}
		if (has_control(b.buf)) {
			pfail(c, "%s含有换行或控制字符", label);
			buf_release(&b);
			return -1;
		}
		*out = buf_detach(&b, NULL);
		return 0;
	}
	if (allow_num && json_is_integer(v)) {
		buf_addf(&b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		*out = buf_detach(&b, NULL);
		return 0;
	}
	if (allow_num && json_is_real(v)) {
		double d = json_real_value(v);

		if (d == floor(d) && fabs(d) < 1e15) {
			buf_addf(&b, "%.0f", d);
			*out = buf_detach(&b, NULL);
			return 0;
		}
	}
	pfail(c, "%s应为文字%s", label, allow_num ? "或整数" : "");
	return -1;
}

/* Why a coordinate is out of range, in words the person can act on. */
static const char *range_hint(double lon, double lat)
{
	if (fabs(lon) <= 90 && fabs(lat) <= 180)
		return "；经纬度可能写反了，GeoJSON 的顺序是 [经度, 纬度]";
	if (fabs(lon) > 1000 || fabs(lat) > 1000)
		return "；这像是投影坐标（米），请先转换为 WGS84 经纬度";
	return "";
}

/* One position [lon, lat] or [lon, lat, alt] into xy[0..1]. */
static int parse_position(struct pctx *c, json_t *jp, const char *loc,
			  size_t i, double *xy)
{
	size_t n = json_is_array(jp) ? json_array_size(jp) : 0;
	double lon, lat;

	if (n < 2 || n > 3) {
		pfail(c, "%s第%zu个点应为 [经度, 纬度]", loc, i + 1);
		return -1;
	}
	for (size_t k = 0; k < n; k++) {
		if (!json_is_number(json_array_get(jp, k))) {
			pfail(c, "%s第%zu个点：坐标不是数字", loc, i + 1);
			return -1;
		}
	}
	lon = json_number_value(json_array_get(jp, 0));
	lat = json_number_value(json_array_get(jp, 1));
	if (!isfinite(lon) || !isfinite(lat)) {
		pfail(c, "%s第%zu个点：坐标不是有限的数", loc, i + 1);
		return -1;
	}
	if (lon < -180 || lon > 180) {
		pfail(c, "%s第%zu个点：经度 %.10g 超出范围（应在 -180 到 180 之间）%s",
		      loc, i + 1, lon, range_hint(lon, lat));
		return -1;
	}
	if (lat < -90 || lat > 90) {
		pfail(c, "%s第%zu个点：纬度 %.10g 超出范围（应在 -90 到 90 之间）%s",
		      loc, i + 1, lat, range_hint(lon, lat));
		return -1;
	}
	xy[0] = lon;
	xy[1] = lat;
	return 0;
}

/* One linear ring: at least 4 positions, the last equal to the first. */
static int parse_ring(struct pctx *c, json_t *jr, const char *loc,
		      struct geo_ring *out)
{
	size_t n, bad = 0;
	double *pts;

	if (!json_is_array(jr)) {
		pfail(c, "%s应为坐标点的数组", loc);
		return -1;
	}
	n = json_array_size(jr);
	if (n < 4) {
		pfail(c, "%s只有 %zu 个点，至少需要 4 个（最后一点与第一点相同）",
		      loc, n);
		return -1;
	}
	if (n > GEO_MAX_POINTS - c->total_pts) {
		c->too_many = 1;
		return -1;
	}
	c->total_pts += n;
	pts = xmalloc(n * 2 * sizeof(*pts));
	for (size_t i = 0; i < n; i++)
		if (parse_position(c, json_array_get(jr, i), loc, i,
				   pts + 2 * i) < 0)
			bad++;
	if (!bad && (pts[0] != pts[2 * n - 2] || pts[1] != pts[2 * n - 1])) {
		pfail(c, "%s首尾两点不同，边界没有闭合（最后一点应与第一点相同）",
		      loc);
		bad++;
	}
	if (bad) {
		free(pts);
		return -1;
	}
	out->pts = pts;
	out->npts = n;
	return 0;
}

/* One polygon: an array of rings, outer first.  'num' is its number in a
 * MultiPolygon, 0 for a Polygon. */
static int parse_polygon(struct pctx *c, json_t *jp, size_t num,
			 struct geo_polygon *out)
{
	struct buf loc = BUF_INIT, poly = BUF_INIT;
	size_t n;
	int bad = 0;

	if (num)
		buf_addf(&poly, "第%zu个多边形", num);
	if (!json_is_array(jp) || !(n = json_array_size(jp))) {
		pfail(c, "%s%s", num ? poly.buf : "边界",
		      json_is_array(jp) ? "没有坐标" : "应为坐标环的数组");
		buf_release(&poly);
		return -1;
	}
	out->rings = xcalloc(n, sizeof(*out->rings));
	out->nrings = n;
	for (size_t i = 0; i < n && !c->too_many; i++) {
		buf_reset(&loc);
		if (num)
			buf_addf(&loc, "%s的", poly.buf);
		if (i)
			buf_addf(&loc, "第%zu个内边界（洞）", i);
		else
			buf_adds(&loc, "外边界");
		if (parse_ring(c, json_array_get(jp, i), loc.buf,
			       &out->rings[i]) < 0)
			bad = 1;
	}
	buf_release(&loc);
	buf_release(&poly);
	return bad || c->too_many ? -1 : 0;
}

/* A geometry object: Polygon or MultiPolygon.  On success *type is its
 * type (owned by 'g'). */
static int parse_geometry(struct pctx *c, json_t *g, struct geo_shape *out,
			  const char **type)
{
	json_t *co;
	const char *t;
	size_t np;
	int multi, bad = 0;

	out->polys = NULL;
	out->npolys = 0;
	if (!g || json_is_null(g)) {
		pfail(c, "没有边界（geometry 为空）");
		return -1;
	}
	if (!json_is_object(g)) {
		pfail(c, "边界（geometry）应为对象");
		return -1;
	}
	t = json_string_value(json_object_get(g, "type"));
	if (!t) {
		pfail(c, "边界缺少类型（type）");
		return -1;
	}
	if (!strcmp(t, "Polygon")) {
		multi = 0;
	} else if (!strcmp(t, "MultiPolygon")) {
		multi = 1;
	} else {
		struct buf b = BUF_INIT;

		add_short(&b, t);
		pfail(c, "边界类型为 %s，只支持 Polygon（多边形）和 MultiPolygon（多个多边形）",
		      b.buf);
		buf_release(&b);
		return -1;
	}
	co = json_object_get(g, "coordinates");
	if (!json_is_array(co)) {
		pfail(c, "边界缺少坐标（coordinates 应为数组）");
		return -1;
	}
	if (!json_array_size(co)) {
		pfail(c, "边界没有坐标");
		return -1;
	}
	np = multi ? json_array_size(co) : 1;
	out->polys = xcalloc(np, sizeof(*out->polys));
	out->npolys = np;
	for (size_t p = 0; p < np && !c->too_many; p++)
		if (parse_polygon(c, multi ? json_array_get(co, p) : co,
				  multi ? p + 1 : 0, &out->polys[p]) < 0)
			bad = 1;
	if (bad || c->too_many) {
		geo_shape_free(out);
		return -1;
	}
	*type = t;
	return 0;
}

/* Count nesting and values without parsing, so that hostile input is
 * refused before jansson builds a tree for it.  Strings are skipped. */
static int prescan(const char *s, size_t n, const char *what,
		   struct errors *err)
{
	size_t values = 1;
	unsigned depth = 0;
	int in_str = 0;

	for (size_t i = 0; i < n; i++) {
		if (in_str) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				in_str = 0;
			continue;
		}
		switch (s[i]) {
		case '"':
			in_str = 1;
			break;
		case '[':
		case '{':
			if (++depth > GEO_MAX_DEPTH) {
				errors_addf(err, "%s嵌套超过 %d 层，不是行政区边界数据",
					    what, GEO_MAX_DEPTH);
				return -1;
			}
			values++;
			break;
		case ']':
		case '}':
			if (depth)
				depth--;
			break;
		case ',':
			values++;
			break;
		}
	}
	if (values > GEO_MAX_VALUES) {
		errors_addf(err, "%s数据项超过 %u 个，边界点太多，请先简化边界（例如用 mapshaper）再导入",
			    what, GEO_MAX_VALUES);
		return -1;
	}
	return 0;
}

static const char *json_reason(const json_error_t *je)
{
	switch (json_error_code(je)) {
	case json_error_out_of_memory:
		return "内存不足";
	case json_error_stack_overflow:
		return "嵌套层数太多";
	case json_error_invalid_utf8:
		return "含有无效的 UTF-8 字符";
	case json_error_premature_end_of_input:
		return "内容不完整，文件可能被截断";
	case json_error_end_of_input_expected:
		return "JSON 结束后还有多余内容";
	case json_error_null_character:
	case json_error_null_byte_in_key:
		return "含有 NUL 字符";
	case json_error_duplicate_key:
		return "同一对象中有重复的键";
	case json_error_numeric_overflow:
		return "数字超出范围";
	default:
		return "语法错误";
	}
}

/* Check and parse the text; 'what' starts every message.  Returns the
 * root (the caller decrefs it) or NULL after reporting. */
static json_t *load_json(const char *text, size_t len, const char *what,
			 struct errors *err)
{
	json_error_t je;
	json_t *root;

	if (len > GEO_MAX_INPUT) {
		errors_addf(err, "%s文件有 %zu 字节，超过 %u MB 的上限，请先简化边界（例如用 mapshaper）再导入",
			    what, len, GEO_MAX_INPUT >> 20);
		return NULL;
	}
	if (!text)
		len = 0;
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3)) {
		text += 3;
		len -= 3;
	}
	if (!len) {
		errors_addf(err, "%s内容为空", what);
		return NULL;
	}
	if (!utf8_valid(text, len)) {
		errors_addf(err, "%s不是有效的 UTF-8 文本，请用 UTF-8 编码另存后再导入",
			    what);
		return NULL;
	}
	if (prescan(text, len, what, err) < 0)
		return NULL;
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		errors_addf(err, "%s第 %d 行第 %d 列附近不是有效的 JSON：%s",
			    what, je.line, je.column, json_reason(&je));
	return root;
}

/* The stored form of a checked geometry: type and coordinates only. */
static char *geometry_dump(json_t *g, const char *type)
{
	json_t *o = json_object();
	char *s;

	json_object_set_new(o, "type", json_string(type));
	json_object_set(o, "coordinates", json_object_get(g, "coordinates"));
	s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(15));
	json_decref(o);
	if (!s) {
		fputs("gongkai: out of memory (json_dumps)\n", stderr);
		abort();
	}
	return s;
}

static void feature_release(struct geo_feature *f)
{
	free(f->code);
	free(f->name);
	geo_shape_free(&f->shape);
	free(f->geometry_json);
	memset(f, 0, sizeof(*f));
}

/* Read feature number 'num' (from 1) into 'f'; problems go to c. */
static void parse_feature(struct pctx *c, json_t *jf, size_t num,
			  const char *what, struct geo_feature *f)
{
	json_t *props, *jcode;
	const char *type;
	struct buf w = BUF_INIT;

	buf_addf(&w, "%s第%zu个区域：", what, num);
	pctx_begin(c, w.buf);
	if (!json_is_object(jf)) {
		pfail(c, "应为 Feature 对象");
		goto out;
	}
	type = json_string_value(json_object_get(jf, "type"));
	if (!type || strcmp(type, "Feature"))
		pfail(c, "类型（type）应为 Feature");
	props = json_object_get(jf, "properties");
	if (props && !json_is_null(props) && !json_is_object(props)) {
		pfail(c, "属性（properties）应为对象");
		props = NULL;
	}
	text_field(c, json_object_get(props, "name"), "名称（name）",
		   GEO_MAX_NAME, 0, &f->name);
	jcode = json_object_get(props, "adcode");
	text_field(c, jcode && !json_is_null(jcode) ? jcode :
		   json_object_get(jf, "id"), "区划代码（adcode 或 id）",
		   GEO_MAX_CODE, 1, &f->code);

	/* From here on, messages name the feature (by what is usable). */
	if (f->name || f->code) {
		buf_setlen(&w, w.len - strlen("："));
		buf_adds(&w, "（");
		if (f->name)
			add_short(&w, f->name);
		if (f->name && f->code)
			buf_adds(&w, "，");
		if (f->code)
			add_short(&w, f->code);
		buf_adds(&w, "）：");
		buf_reset(&c->where);
		buf_add(&c->where, w.buf, w.len);
	}
	if (parse_geometry(c, json_object_get(jf, "geometry"), &f->shape,
			   &type) == 0 && !c->failed)
		f->geometry_json = geometry_dump(
			json_object_get(jf, "geometry"), type);
out:
	buf_release(&w);
}

int geo_parse(const char *json, size_t len, const char *source,
	      struct geo_collection *out, struct errors *err)
{
	struct pctx c = { err, BUF_INIT, 0, 0, 0, 0, 0 };
	struct buf what = BUF_INIT;
	struct hmap codes = HMAP_INIT;
	struct geo_feature *fs = NULL;
	json_t *root, *features = NULL;
	const char *type;
	size_t nf = 0;
	int failed = 0;

	out->features = NULL;
	out->n = 0;
	if (source)
		buf_addf(&what, "%s：", source);
	root = load_json(json, len, what.buf, err);
	if (!root) {
		failed = 1;
		goto out;
	}
	type = json_string_value(json_object_get(root, "type"));
	if (!json_is_object(root) || !type) {
		errors_addf(err, "%s不是 GeoJSON：顶层应为带 type 的对象", what.buf);
		failed = 1;
		goto out;
	}
	if (!strcmp(type, "FeatureCollection")) {
		features = json_object_get(root, "features");
		if (!json_is_array(features)) {
			errors_addf(err, "%s缺少区域列表（features 应为数组）",
				    what.buf);
			failed = 1;
			goto out;
		}
		nf = json_array_size(features);
	} else if (!strcmp(type, "Feature")) {
		nf = 1;
	} else {
		struct buf b = BUF_INIT;

		add_short(&b, type);
		errors_addf(err, "%s类型为 %s，应为 FeatureCollection 或 Feature",
			    what.buf, b.buf);
		buf_release(&b);
		failed = 1;
		goto out;
	}
	if (!nf) {
		errors_addf(err, "%s没有任何区域（features 为空）", what.buf);
		failed = 1;
		goto out;
	}
	if (nf > GEO_MAX_FEATURES) {
		errors_addf(err, "%s有 %zu 个区域，超过 %d 个的上限", what.buf,
			    nf, GEO_MAX_FEATURES);
		failed = 1;
		goto out;
	}
	fs = xcalloc(nf, sizeof(*fs));
	for (size_t i = 0; i < nf && !c.too_many; i++) {
		struct geo_feature *f = &fs[i];
		int64_t prev;

		parse_feature(&c, features ? json_array_get(features, i) : root,
			      i + 1, what.buf, f);
		if (f->code) {
			if (hmap_get(&codes, f->code, strlen(f->code), &prev))
				pfail(&c, "区划代码 %s 与第%lld个区域重复", f->code,
				      (long long)prev + 1);
			else
				hmap_put(&codes, f->code, strlen(f->code),
					 (int64_t)i);
		}
		pctx_end(&c);
		if (c.failed)
			failed = 1;
	}
	if (c.too_many) {
		errors_addf(err, "%s坐标点总数超过 %d 个的上限，请先简化边界（例如用 mapshaper）再导入",
			    what.buf, GEO_MAX_POINTS);
		failed = 1;
	}
	if (failed) {
		for (size_t i = 0; i < nf; i++)
			feature_release(&fs[i]);
		free(fs);
		goto out;
	}
	out->features = fs;
	out->n = nf;
out:
	json_decref(root);
	hmap_release(&codes);
	buf_release(&what);
	buf_release(&c.where);
	return failed ? -1 : 0;
}

void geo_collection_free(struct geo_collection *c)
{
	for (size_t i = 0; i < c->n; i++)
		feature_release(&c->features[i]);
	free(c->features);
	c->features = NULL;
	c->n = 0;
}

int geo_shape_from_json(const char *geometry_json, struct geo_shape *out,
			struct errors *err)
{
	static const char what[] = "边界数据：";
	struct pctx c = { err, BUF_INIT, 0, 0, 0, 0, 0 };
	const char *type;
	json_t *g;
	int rc = -1;

	out->polys = NULL;
	out->npolys = 0;
	if (!geometry_json) {
		errors_addf(err, "%s为空", what);
		return -1;
	}
	g = load_json(geometry_json, strlen(geometry_json), what, err);
	if (!g)
		return -1;
	pctx_begin(&c, what);
	if (parse_geometry(&c, g, out, &type) == 0)
		rc = 0;
	pctx_end(&c);
	if (c.too_many)
		errors_addf(err, "%s坐标点总数超过 %d 个的上限", what,
			    GEO_MAX_POINTS);
	json_decref(g);
	buf_release(&c.where);
	return rc;
}

void geo_shape_free(struct geo_shape *s)
{
	for (size_t p = 0; p < s->npolys; p++) {
		for (size_t r = 0; r < s->polys[p].nrings; r++)
			free(s->polys[p].rings[r].pts);
		free(s->polys[p].rings);
	}
	free(s->polys);
	s->polys = NULL;
	s->npolys = 0;
}

/* ---------------------------------------------------------------------
 * Geometry for labels
 */

/* Signed area of a ring (positive counter-clockwise) and its centroid
 * (the mean of its points when the area is 0).  Computed relative to the
 * first point to keep precision. */
static double ring_area(const struct geo_ring *r, double *cx, double *cy)
{
	const double *p = r->pts;
	size_t n = r->npts;
	double a = 0, sx = 0, sy = 0;

	for (size_t i = 0; i < n; i++) {
		size_t j = (i + 1) % n;
		double xi = p[2 * i] - p[0], yi = p[2 * i + 1] - p[1];
		double xj = p[2 * j] - p[0], yj = p[2 * j + 1] - p[1];
		double cross = xi * yj - xj * yi;

		a += cross;
		sx += (xi + xj) * cross;
		sy += (yi + yj) * cross;
	}
	if (a != 0) {
		*cx = p[0] + sx / (3 * a);
		*cy = p[1] + sy / (3 * a);
	} else {
		sx = sy = 0;
		for (size_t i = 0; i < n; i++) {
			sx += p[2 * i] - p[0];
			sy += p[2 * i + 1] - p[1];
		}
		*cx = p[0] + sx / (double)n;
		*cy = p[1] + sy / (double)n;
	}
	return a / 2;
}

/* Area of a polygon (outer less holes, >= 0) and its centroid. */
static double polygon_area(const struct geo_polygon *pg, double *cx,
			   double *cy)
{
	double ox, oy, outer, net, sx, sy;

	if (!pg->nrings || !pg->rings[0].npts)
		return -1;
	outer = fabs(ring_area(&pg->rings[0], &ox, &oy));
	net = outer;
	sx = outer * ox;
	sy = outer * oy;
	for (size_t r = 1; r < pg->nrings; r++) {
		double hx, hy, a;

		if (!pg->rings[r].npts)
			continue;
		a = fabs(ring_area(&pg->rings[r], &hx, &hy));
		net -= a;
		sx -= a * hx;
		sy -= a * hy;
	}
	if (net > outer * 1e-9 && net > 0) {
		*cx = sx / net;
		*cy = sy / net;
		return net;
	}
	*cx = ox;
	*cy = oy;
	return 0;
}

/* Where edge a→b crosses the horizontal line at 'y' (half-open in y, so a
 * vertex on the line counts once).  The one formula used both for point
 * tests and for chords, so that they agree. */
static int edge_x(const double *a, const double *b, double y, double *x)
{
	if ((a[1] > y) == (b[1] > y))
		return 0;
	*x = a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
	return 1;
}

int geo_point_in_shape(const struct geo_shape *s, double lon, double lat)
{
	int in = 0;

	for (size_t p = 0; p < s->npolys; p++) {
		for (size_t r = 0; r < s->polys[p].nrings; r++) {
			const struct geo_ring *g = &s->polys[p].rings[r];

			for (size_t i = 0, j = g->npts - 1; i < g->npts;
			     j = i++) {
				double x;

				if (edge_x(g->pts + 2 * j, g->pts + 2 * i, lat,
					   &x) && lon < x)
					in = !in;
			}
		}
	}
	return in;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The midpoint of the widest inside stretch of the line at latitude 'y'.
 * Returns its width (0 if none) and sets *mx; xs/xalloc is scratch. */
static double widest_chord(const struct geo_shape *s, double y, double *mx,
			   double **xs, size_t *xalloc)
{
	size_t n = 0;
	double best = 0, m = 0;

	for (size_t p = 0; p < s->npolys; p++) {
		for (size_t r = 0; r < s->polys[p].nrings; r++) {
			const struct geo_ring *g = &s->polys[p].rings[r];

			for (size_t i = 0, j = g->npts - 1; i < g->npts;
			     j = i++) {
				double x;

				if (!edge_x(g->pts + 2 * j, g->pts + 2 * i, y,
					    &x))
					continue;
				*xs = xgrow(*xs, sizeof(**xs), n + 1, xalloc);
				(*xs)[n++] = x;
			}
		}
	}
	if (n)
		qsort(*xs, n, sizeof(**xs), cmp_double);
	for (size_t k = 0; k + 1 < n; k += 2) {
		double w = (*xs)[k + 1] - (*xs)[k];

		if (w > best) {
			best = w;
			m = (*xs)[k] + w / 2;
		}
	}
	if (best > 0 && !geo_point_in_shape(s, m, y))
		best = 0;
	*mx = m;
	return best;
}

int geo_label_point(const struct geo_shape *s, double *lon, double *lat)
{
	const struct geo_polygon *big = NULL;
	double best = -1, cx = 0, cy = 0, *xs = NULL, w, mx, miny, maxy;
	size_t xalloc = 0;
	int rc = -1;

	for (size_t p = 0; s && p < s->npolys; p++) {
		double x, y, a = polygon_area(&s->polys[p], &x, &y);

		if (a > best) {
			best = a;
			big = &s->polys[p];
			cx = x;
			cy = y;
		}
	}
	if (!big)
		return -1;
	if (geo_point_in_shape(s, cx, cy)) {
		*lon = cx;
		*lat = cy;
		return 0;
	}
	w = widest_chord(s, cy, &mx, &xs, &xalloc);
	if (w > 0) {
		*lon = mx;
		*lat = cy;
		rc = 0;
		goto out;
	}
	/* Try other latitudes across the largest polygon. */
	miny = maxy = big->rings[0].pts[1];
	for (size_t i = 0; i < big->rings[0].npts; i++) {
		double y = big->rings[0].pts[2 * i + 1];

		miny = y < miny ? y : miny;
		maxy = y > maxy ? y : maxy;
	}
	best = 0;
	for (int k = 1; k < 16; k++) {
		double y = miny + (maxy - miny) * k / 16;

		w = widest_chord(s, y, &mx, &xs, &xalloc);
		if (w > best) {
			best = w;
			*lon = mx;
			*lat = y;
			rc = 0;
		}
	}
	if (rc < 0) {
		*lon = big->rings[0].pts[0];
		*lat = big->rings[0].pts[1];
		rc = 1;
	}
out:
	free(xs);
	return rc;
}

/* ---------------------------------------------------------------------
 * Drawing
 */

#define MAP_SIZE 1000.0		/* units of the longer side */
#define MAP_MARGIN 50		/* tenths of a unit around the regions */
#define MAP_TOLERANCE 5.0	/* tenths: Douglas–Peucker tolerance */

/* A point of the frame, in tenths of a unit. */
struct ipt {
	long x, y;
};

struct frame {
	double west, north;	/* degrees at x = 0, y = 0 */
	double kx;		/* cos(mid latitude) */
	double scale;		/* units per degree of latitude */
	long width, height;	/* tenths */
};

/* Scratch arrays reused for every ring. */
struct scratch {
	struct ipt *p;
	size_t palloc;
	unsigned char *keep;
	size_t kalloc;
	size_t *stack;
	size_t salloc;
};

static long tenths(double v)
{
	if (!(v == v))
		return 0;
	if (v > 1e8)
		v = 1e8;
	if (v < -1e8)
		v = -1e8;
	return (long)floor(v * 10 + 0.5);
}

static struct ipt project(const struct frame *f, double lon, double lat)
{
	struct ipt q;

	q.x = tenths((lon - f->west) * f->kx * f->scale);
	q.y = tenths((f->north - lat) * f->scale);
	return q;
}

/* Fit the frame to the regions' bounding box.  Returns 0, or -1 if no
 * region has a point. */
static int frame_fit(struct frame *f, const struct geo_map_region *regions,
		     size_t n)
{
	double w = INFINITY, e = -INFINITY, s = INFINITY, no = -INFINITY;
	double dx, dy, big;

	for (size_t i = 0; i < n; i++) {
		const struct geo_shape *sh = regions[i].shape;

		for (size_t p = 0; sh && p < sh->npolys; p++)
			for (size_t r = 0; r < sh->polys[p].nrings; r++) {
				const struct geo_ring *g =
					&sh->polys[p].rings[r];

				for (size_t k = 0; k < g->npts; k++) {
					double lon = g->pts[2 * k];
					double lat = g->pts[2 * k + 1];

					if (!isfinite(lon) || !isfinite(lat))
						continue;
					w = lon < w ? lon : w;
					e = lon > e ? lon : e;
					s = lat < s ? lat : s;
					no = lat > no ? lat : no;
				}
			}
	}
	if (w > e)
		return -1;
	f->west = w;
	f->north = no;
	f->kx = cos((s + no) / 2 * M_PI / 180);
	if (f->kx < 1e-6)
		f->kx = 1e-6;
	dx = (e - w) * f->kx;
	dy = no - s;
	big = dx > dy ? dx : dy;
	f->scale = big > 1e-9 ? MAP_SIZE / big : 1;
	f->width = tenths(dx * f->scale);
	f->height = tenths(dy * f->scale);
	return 0;
}

/* Append a number of tenths: "12", "-3.5"; 'sep' puts a space before a
 * non-negative number (a '-' separates by itself). */
static void put_num(struct buf *b, long t, int sep)
{
	if (t < 0) {
		buf_addch(b, '-');
		t = -t;
	} else if (sep) {
		buf_addch(b, ' ');
	}
	buf_addf(b, "%ld", t / 10);
	if (t % 10)
		buf_addf(b, ".%ld", t % 10);
}

/* Squared distance from p to the segment a–b. */
static double seg_dist2(struct ipt p, struct ipt a, struct ipt b)
{
	double dx = (double)(b.x - a.x), dy = (double)(b.y - a.y);
	double px = (double)(p.x - a.x), py = (double)(p.y - a.y);
	double len2 = dx * dx + dy * dy, t;

	if (len2 > 0) {
		t = (px * dx + py * dy) / len2;
		t = t < 0 ? 0 : t > 1 ? 1 : t;
		px -= t * dx;
		py -= t * dy;
	}
	return px * px + py * py;
}

/* Douglas–Peucker between p[a] and p[b] (both kept), without recursion.
 * It is quadratic on a crafted ring, and maps are drawn for every page
 * view: past '*budget' distance checks the remaining stretches are kept
 * as they are. */
static void simplify(const struct ipt *p, size_t a, size_t b,
		     unsigned char *keep, size_t *stack, size_t *budget)
{
	const double tol2 = MAP_TOLERANCE * MAP_TOLERANCE;
	size_t top = 0;

	stack[top++] = a;
	stack[top++] = b;
	while (top) {
		size_t j = stack[--top], i = stack[--top], far = 0;
		double dmax = tol2;

		if (j - i - 1 > *budget) {
			memset(keep + i, 1, j - i);
			continue;
		}
		*budget -= j - i - 1;
		for (size_t k = i + 1; k < j; k++) {
			double d = seg_dist2(p[k], p[i], p[j]);

			if (d > dmax) {
				dmax = d;
				far = k;
			}
		}
		if (far) {
			keep[far] = 1;
			stack[top++] = i;
			stack[top++] = far;
			stack[top++] = far;
			stack[top++] = j;
		}
	}
}

/* Project a ring into sc->p (repeats and the closing point dropped), then
 * mark the points to draw in sc->keep.  Returns how many are marked. */
static size_t ring_prepare(const struct frame *f, const struct geo_ring *g,
			   struct scratch *sc, int simple, size_t *np)
{
	size_t n = 0, far = 0, kept = 0, budget;
	double dmax = -1;

	sc->p = xgrow(sc->p, sizeof(*sc->p), g->npts + 1, &sc->palloc);
	for (size_t i = 0; i < g->npts; i++) {
		struct ipt q = project(f, g->pts[2 * i], g->pts[2 * i + 1]);

		if (n && q.x == sc->p[n - 1].x && q.y == sc->p[n - 1].y)
			continue;
		sc->p[n++] = q;
	}
	while (n > 1 && sc->p[n - 1].x == sc->p[0].x &&
	       sc->p[n - 1].y == sc->p[0].y)
		n--;
	*np = n;
	if (n < 3)
		return 0;
	sc->keep = xgrow(sc->keep, 1, n + 1, &sc->kalloc);
	if (!simple) {
		memset(sc->keep, 1, n);
		return n;
	}
	memset(sc->keep, 0, n + 1);
	sc->stack = xgrow(sc->stack, sizeof(*sc->stack), 2 * (n + 1),
			  &sc->salloc);
	/* A closed ring: split at the point farthest from the first. */
	sc->p[n] = sc->p[0];
	for (size_t i = 1; i < n; i++) {
		double d = seg_dist2(sc->p[i], sc->p[0], sc->p[0]);

		if (d > dmax) {
			dmax = d;
			far = i;
		}
	}
	sc->keep[0] = sc->keep[far] = 1;
	budget = 32 * n + 100000;
	simplify(sc->p, 0, far, sc->keep, sc->stack, &budget);
	simplify(sc->p, far, n, sc->keep, sc->stack, &budget);
	for (size_t i = 0; i < n; i++)
		kept += sc->keep[i];
	return kept;
}

/* Append "Mx yldx dy…z" for the marked points of sc->p[0..n). */
static void ring_path(struct buf *d, const struct scratch *sc, size_t n)
{
	struct ipt prev = { 0, 0 };
	int first = 1;

	for (size_t i = 0; i < n; i++) {
		struct ipt q = sc->p[i];

		if (!sc->keep[i])
			continue;
		if (first) {
			buf_addch(d, 'M');
			put_num(d, q.x, 0);
			put_num(d, q.y, 1);
			buf_addch(d, 'l');
			first = 0;
		} else {
			put_num(d, q.x - prev.x, d->buf[d->len - 1] != 'l');
			put_num(d, q.y - prev.y, 1);
		}
		prev = q;
	}
	buf_addch(d, 'z');
}

/* The path data of a shape: every polygon whose outer ring survives
 * simplification, with its holes.  A region too small for that is drawn
 * from the unsimplified outer ring of its largest polygon. */
static void shape_path(struct buf *d, const struct frame *f,
		       const struct geo_shape *s, struct scratch *sc)
{
	const struct geo_polygon *big = NULL;
	double best = -1;
	size_t n;

	for (size_t p = 0; p < s->npolys; p++) {
		const struct geo_polygon *pg = &s->polys[p];

		for (size_t r = 0; r < pg->nrings; r++) {
			if (ring_prepare(f, &pg->rings[r], sc, 1, &n) < 3) {
				if (r == 0)
					break;	/* no outer: no holes */
				continue;
			}
			ring_path(d, sc, n);
		}
	}
	if (d->len)
		return;
	for (size_t p = 0; p < s->npolys; p++) {
		double x, y, a = polygon_area(&s->polys[p], &x, &y);

		if (a > best) {
			best = a;
			big = &s->polys[p];
		}
	}
	if (big && ring_prepare(f, &big->rings[0], sc, 0, &n) >= 3)
		ring_path(d, sc, n);
}

/* Append 's' escaped for XML text or a "…" attribute.  Invalid UTF-8
 * becomes U+FFFD; control characters, U+FFFE and U+FFFF (not allowed in
 * XML) are dropped; tab and line breaks become character references. */
static void xml_esc(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (s && *p) {
		unsigned c = *p;
		size_t k;

		if (c < 0x80) {
			switch (c) {
			case '&': buf_adds(b, "&amp;"); break;
			case '<': buf_adds(b, "&lt;"); break;
			case '>': buf_adds(b, "&gt;"); break;
			case '"': buf_adds(b, "&quot;"); break;
			case '\'': buf_adds(b, "&#39;"); break;
			case '\t': buf_adds(b, "&#9;"); break;
			case '\n': buf_adds(b, "&#10;"); break;
			case '\r': buf_adds(b, "&#13;"); break;
			default:
				if (c >= 0x20 && c != 0x7f)
					buf_addch(b, (int)c);
			}
			p++;
			continue;
		}
		k = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 :
		    (c & 0xf8) == 0xf0 ? 4 : 0;
		if (!k || strnlen((const char *)p, k) < k ||
		    !utf8_valid((const char *)p, k)) {
			buf_adds(b, "\xef\xbf\xbd");
			p++;
			continue;
		}
		if ((k == 3 && p[0] == 0xef && p[1] == 0xbf && p[2] >= 0xbe) ||
		    (k == 2 && p[0] == 0xc2 && p[1] < 0xa0)) {
			p += k;		/* U+FFFE, U+FFFF, C1 controls */
			continue;
		}
		buf_add(b, p, k);
		p += k;
	}
}

/* The id prefix with only [A-Za-z0-9_-] kept. */
static void add_id(struct buf *b, const char *prefix)
{
	size_t start = b->len;

	for (const char *p = prefix; p && *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_')
			buf_addch(b, *p);
	if (b->len == start)
		buf_adds(b, "gk-map");
}

static void share_class(struct buf *b, double share)
{
	int band;

	if (!(share >= 0)) {
		buf_adds(b, "gk-share-na");
		return;
	}
	band = share >= 1 ? 4 : (int)(share * 5);
	buf_addf(b, "gk-share-%d", band > 4 ? 4 : band);
}

static int has_shape(const struct geo_map_region *r)
{
	return r->shape && r->shape->npolys;
}

static void region_svg(struct buf *out, const struct frame *f,
		       const struct geo_map_region *r, struct scratch *sc,
		       struct buf *d, int has_label, double lon, double lat)
{
	const char *label = r->name ? r->name : r->code;
	const char *title = r->title ? r->title : label;

	if (r->href) {
		buf_adds(out, "<a href=\"");
		xml_esc(out, r->href);
		buf_adds(out, "\" class=\"gk-map-region\"");
	} else {
		buf_adds(out, "<g class=\"gk-map-region\"");
	}
	if (r->code) {
		buf_adds(out, " data-code=\"");
		xml_esc(out, r->code);
		buf_addch(out, '"');
	}
	buf_addch(out, '>');
	if (title) {
		buf_adds(out, "<title>");
		xml_esc(out, title);
		buf_adds(out, "</title>");
	}
	buf_reset(d);
	shape_path(d, f, r->shape, sc);
	if (d->len) {
		buf_adds(out, "<path class=\"");
		share_class(out, r->share);
		buf_adds(out, "\" fill-rule=\"evenodd\" d=\"");
		buf_add(out, d->buf, d->len);
		buf_adds(out, "\"/>");
	}
	if (label && has_label) {
		struct ipt q = project(f, lon, lat);

		buf_adds(out, "<text class=\"gk-map-label\" x=\"");
		put_num(out, q.x, 0);
		buf_adds(out, "\" y=\"");
		put_num(out, q.y, 0);
		buf_adds(out, "\" text-anchor=\"middle\" dominant-baseline=\"central\" font-size=\"18\" aria-hidden=\"true\">");
		xml_esc(out, label);
		buf_adds(out, "</text>");
	}
	buf_adds(out, r->href ? "</a>\n" : "</g>\n");
}

struct order {
	size_t i;
	double area;
};

/* A label's box, in degrees: half width and half height. */
#define LABEL_FONT 18.0		/* units, as font-size below */
struct label {
	int has;
	double lon, lat, hw, hh;
};

static size_t text_chars(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static int labels_overlap(const struct label *a, const struct label *b)
{
	return a->has && b->has && fabs(a->lon - b->lon) < a->hw + b->hw &&
		fabs(a->lat - b->lat) < a->hh + b->hh;
}

static int overlaps_any(const struct label *v, size_t n, size_t self)
{
	for (size_t k = 0; k < n; k++)
		if (k != self && labels_overlap(&v[self], &v[k]))
			return 1;
	return 0;
}

/* Move labels that overlap: the label of the larger region of a pair goes
 * to the nearest point inside its shape, on a small grid around its first
 * place, where it overlaps no other label.  Labels that find no such point
 * stay where they were. */
static void place_labels(const struct geo_map_region *regions,
			 const struct order *order, size_t n, struct label *v)
{
	for (size_t oi = 0; oi < n; oi++) {
		size_t i = order[oi].i;
		struct label keep = v[i];
		int moved = 0;

		if (!v[i].has || !overlaps_any(v, n, i))
			continue;
		/* rings of candidates, nearest first */
		for (int ring = 1; ring <= 8 && !moved; ring++)
			for (int dy = -ring; dy <= ring && !moved; dy++)
				for (int dx = -ring; dx <= ring && !moved; dx++) {
					if (abs(dx) != ring && abs(dy) != ring)
						continue;
					v[i].lon = keep.lon + dx * keep.hw * 0.5;
					v[i].lat = keep.lat + dy * keep.hh * 0.9;
					moved = geo_point_in_shape(regions[i].shape,
								   v[i].lon, v[i].lat) &&
						!overlaps_any(v, n, i);
				}
		if (!moved)
			v[i] = keep;
	}
}

/* Larger area first; equal areas in the caller's order. */
static int by_area(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	if (x->area != y->area)
		return x->area > y->area ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static double shape_area(const struct geo_shape *s)
{
	double sum = 0, x, y, a;

	for (size_t p = 0; p < s->npolys; p++)
		if ((a = polygon_area(&s->polys[p], &x, &y)) > 0)
			sum += a;
	return sum;
}

int geo_svg_map(struct buf *out, const char *title, const char *id_prefix,
		const struct geo_map_region *regions, size_t n)
{
	struct scratch sc = { NULL, 0, NULL, 0, NULL, 0 };
	struct order *order;
	struct label *labels;
	struct buf d = BUF_INIT;
	struct frame f;
	size_t i;

	for (i = 0; i < n && !has_shape(&regions[i]); i++)
		;
	if (i == n || frame_fit(&f, regions, n) < 0)
		return -1;
	buf_adds(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gk-map\" viewBox=\"");
	put_num(out, -MAP_MARGIN, 0);
	buf_addch(out, ' ');
	put_num(out, -MAP_MARGIN, 0);
	put_num(out, f.width + 2 * MAP_MARGIN, 1);
	put_num(out, f.height + 2 * MAP_MARGIN, 1);
	buf_adds(out, "\" role=\"group\" aria-labelledby=\"");
	add_id(out, id_prefix);
	buf_adds(out, "-title\">\n<title id=\"");
	add_id(out, id_prefix);
	buf_adds(out, "-title\">");
	xml_esc(out, title ? title : "区域地图");
	buf_adds(out, "</title>\n");
	/* Larger regions first, so that a small region's label is not
	 * hidden under the fill of a larger neighbour drawn after it. */
	order = xmalloc(n * sizeof(*order));
	for (i = 0; i < n; i++) {
		order[i].i = i;
		order[i].area = has_shape(&regions[i]) ?
			shape_area(regions[i].shape) : 0;
	}
	qsort(order, n, sizeof(*order), by_area);
	labels = xcalloc(n ? n : 1, sizeof(*labels));
	for (i = 0; i < n; i++) {
		const struct geo_map_region *r = &regions[i];
		const char *name = r->name ? r->name : r->code;

		if (!has_shape(r) || !name ||
		    geo_label_point(r->shape, &labels[i].lon, &labels[i].lat) < 0)
			continue;
		labels[i].has = 1;
		labels[i].hw = (text_chars(name) * LABEL_FONT + 4) / 2 /
			(f.scale * f.kx);
		labels[i].hh = (LABEL_FONT + 4) / 2 / f.scale;
	}
	place_labels(regions, order, n, labels);
	for (i = 0; i < n; i++)
		if (has_shape(&regions[order[i].i]))
			region_svg(out, &f, &regions[order[i].i], &sc, &d,
				   labels[order[i].i].has,
				   labels[order[i].i].lon,
				   labels[order[i].i].lat);
	buf_adds(out, "</svg>\n");
	free(labels);
	free(order);
	buf_release(&d);
	free(sc.p);
	free(sc.keep);
	free(sc.stack);
	return 0;
}
