/* test-geo.c: GeoJSON boundaries and the SVG map (domain/geo.c)
 *
 * The real file is the nine districts and counties of Changsha (GEO_CHANGSHA,
 * overridable with -D); the map drawn from it must stay small, link every
 * region, label each inside its outline and be well-formed XML (checked with
 * libxml2).  Broken files must be refused with a Chinese message naming the
 * region, and nothing kept.  Runs under AddressSanitizer/LeakSanitizer.
 */
#include "t.h"

#include <math.h>

#include <libxml/parser.h>

#include "domain/geo.h"
#include "util/buf.h"
#include "util/errors.h"
#include "util/utf8.h"

/* Tests run from the repository root; the second path is where the file
 * came from, for a checkout without data/regions/. */
#ifndef GEO_CHANGSHA
#define GEO_CHANGSHA "data/regions/changsha-districts.geojson"
#endif
#define GEO_CHANGSHA_SHARED "/work/shared/data/changsha-districts.geojson"

static const struct {
	const char *code, *name;
} changsha[9] = {
	{ "430102", "芙蓉区" }, { "430103", "天心区" }, { "430104", "岳麓区" },
	{ "430105", "开福区" }, { "430111", "雨花区" }, { "430112", "望城区" },
	{ "430121", "长沙县" }, { "430182", "宁乡市" }, { "430181", "浏阳市" },
};

/* The whole file in a malloc'd buffer, or NULL. */
static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *s = NULL;
	long n;

	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
	    fseek(fp, 0, SEEK_SET) == 0) {
		s = malloc((size_t)n + 1);
		if (s && fread(s, 1, (size_t)n, fp) == (size_t)n) {
			s[n] = '\0';
			*len = (size_t)n;
		} else {
			free(s);
			s = NULL;
		}
	}
	fclose(fp);
	return s;
}

static int load_changsha(struct geo_collection *c, struct errors *e)
{
	size_t len = 0;
	char *s = slurp(GEO_CHANGSHA, &len);
	int rc;

	if (!s)
		s = slurp(GEO_CHANGSHA_SHARED, &len);
	if (!s) {
		printf("# cannot read %s\n", GEO_CHANGSHA);
		return -2;
	}
	rc = geo_parse(s, len, "changsha-districts.geojson", c, e);
	free(s);
	return rc;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(hay, needle); p;
	     p = strstr(p + strlen(needle), needle))
		n++;
	return n;
}

/* Does every attribute 'attr' (" d=\"") hold only path letters and
 * numbers (no "nan", "inf" or exponents)? */
static int numbers_only(const char *svg, const char *attr)
{
	for (const char *p = strstr(svg, attr); p; p = strstr(p, attr)) {
		p += strlen(attr);
		for (; *p != '"'; p++)
			if (!strchr("0123456789.- Mlz", *p))
				return 0;
	}
	return 1;
}

/* Well-formed XML? */
static int xml_ok(const char *s, size_t len)
{
	xmlDocPtr doc = xmlReadMemory(s, (int)len, "map.svg", "UTF-8",
				      XML_PARSE_NONET | XML_PARSE_NOERROR |
					      XML_PARSE_NOWARNING);

	if (!doc)
		return 0;
	xmlFreeDoc(doc);
	return 1;
}

/* A map of a collection: shares 0, 1/9, 2/9 ... and "unknown" for one. */
static int draw(const struct geo_collection *c, struct buf *svg)
{
	struct geo_map_region r[16];
	char href[16][32], title[16][128];

	for (size_t i = 0; i < c->n && i < 16; i++) {
		snprintf(href[i], sizeof(href[i]), "/r/%s/",
			 c->features[i].code ? c->features[i].code : "x");
		snprintf(title[i], sizeof(title[i]), "%s：完整度 %zu%%",
			 c->features[i].name ? c->features[i].name : "",
			 i * 100 / 9);
		r[i].code = c->features[i].code;
		r[i].name = c->features[i].name;
		r[i].href = href[i];
		r[i].shape = &c->features[i].shape;
		r[i].share = i == 3 ? -1 : (double)i / 9;
		r[i].title = title[i];
	}
	return geo_svg_map(svg, "长沙市各区县目录完整度", "cs", r,
			   c->n < 16 ? c->n : 16);
}

TEST(test_geo__parses_changsha)
{
	struct geo_collection c = { NULL, 0 };
	struct errors e = ERRORS_INIT;
	size_t pts = 0;

	CHECK_INT(load_changsha(&c, &e), 0);
	CHECK_INT(errors_count(&e), 0);
	CHECK_INT(c.n, 9);
	for (size_t i = 0; i < 9; i++) {
		const struct geo_feature *f = &c.features[i];
		struct geo_shape back;

		CHECK_STR(f->code, changsha[i].code);
		CHECK_STR(f->name, changsha[i].name);
		CHECK(f->shape.npolys >= 1);
		CHECK(f->geometry_json);
		CHECK(!strncmp(f->geometry_json, "{\"type\":\"", 9));
		CHECK(!strstr(f->geometry_json, " "));
		/* the stored form reads back to the same shape */
		CHECK_INT(geo_shape_from_json(f->geometry_json, &back, &e), 0);
		CHECK_INT(back.npolys, f->shape.npolys);
		for (size_t p = 0; p < back.npolys; p++) {
			const struct geo_polygon *a = &f->shape.polys[p];
			const struct geo_polygon *b = &back.polys[p];

			CHECK_INT(b->nrings, a->nrings);
			for (size_t r = 0; r < a->nrings; r++) {
				CHECK_INT(b->rings[r].npts, a->rings[r].npts);
				CHECK(!memcmp(b->rings[r].pts, a->rings[r].pts,
					      2 * a->rings[r].npts *
						      sizeof(double)));
				pts += a->rings[r].npts;
			}
		}
		geo_shape_free(&back);
	}
	CHECK(!strncmp(c.features[2].geometry_json,
		       "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[", 40));
	CHECK(c.features[2].shape.npolys > 1);
	CHECK_INT(c.features[0].shape.npolys, 1);
	CHECK(pts > 10000);
	geo_collection_free(&c);
	CHECK(!c.features && !c.n);
	errors_release(&e);
}

TEST(test_geo__map_of_changsha)
{
	struct geo_collection c = { NULL, 0 };
	struct errors e = ERRORS_INIT;
	struct buf svg = BUF_INIT;
	struct buf want = BUF_INIT;

	CHECK_INT(load_changsha(&c, &e), 0);
	CHECK_INT(draw(&c, &svg), 0);
	printf("# changsha map: %zu bytes of SVG from %zu features\n", svg.len,
	       c.n);
	CHECK(svg.len < 60 * 1024);
	CHECK(svg.len > 5 * 1024);
	CHECK(utf8_valid(svg.buf, svg.len));
	CHECK(!strncmp(svg.buf, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gk-map\" viewBox=\"", 64));
	CHECK_CONTAINS(svg.buf, "role=\"group\" aria-labelledby=\"cs-title\"");
	CHECK_CONTAINS(svg.buf, "<title id=\"cs-title\">长沙市各区县目录完整度</title>");
	CHECK_INT(count(svg.buf, "<a "), 9);
	CHECK_INT(count(svg.buf, "</a>"), 9);
	CHECK_INT(count(svg.buf, "<path "), 9);
	CHECK_INT(count(svg.buf, "fill-rule=\"evenodd\""), 9);
	CHECK_INT(count(svg.buf, "class=\"gk-map-region\""), 9);
	for (size_t i = 0; i < 9; i++) {
		buf_reset(&want);
		buf_addf(&want, "aria-hidden=\"true\">%s</text>", changsha[i].name);
		CHECK_CONTAINS(svg.buf, want.buf);
		buf_reset(&want);
		buf_addf(&want, "<a href=\"/r/%s/\" class=\"gk-map-region\" data-code=\"%s\"><title>%s：完整度",
			 changsha[i].code, changsha[i].code, changsha[i].name);
		CHECK_CONTAINS(svg.buf, want.buf);
	}
	/* shares 0/9 .. 8/9, the fourth unknown: bands 0 0 1 na 2 2 3 3 4 */
	CHECK_INT(count(svg.buf, "gk-share-na"), 1);
	CHECK_INT(count(svg.buf, "gk-share-0"), 2);
	CHECK_INT(count(svg.buf, "gk-share-2"), 2);
	CHECK_INT(count(svg.buf, "gk-share-4"), 1);
	CHECK(numbers_only(svg.buf, " d=\""));
	CHECK(numbers_only(svg.buf, " x=\""));
	CHECK(numbers_only(svg.buf, " y=\""));
	CHECK(numbers_only(svg.buf, " viewBox=\""));
	CHECK_CONTAINS(svg.buf, "viewBox=\"-5 -5 1010 ");
	CHECK(!strcmp(svg.buf + svg.len - 7, "</svg>\n"));
	CHECK(xml_ok(svg.buf, svg.len));

	/* the same regions give the same bytes */
	buf_reset(&want);
	CHECK_INT(draw(&c, &want), 0);
	CHECK_STR(want.buf, svg.buf);
	buf_release(&want);
	buf_release(&svg);
	geo_collection_free(&c);
	errors_release(&e);
}

TEST(test_geo__labels_inside_their_region)
{
	struct geo_collection c = { NULL, 0 };
	struct errors e = ERRORS_INIT;

	CHECK_INT(load_changsha(&c, &e), 0);
	for (size_t i = 0; i < c.n; i++) {
		double lon = 0, lat = 0;

		CHECK_INT(geo_label_point(&c.features[i].shape, &lon, &lat), 0);
		if (!geo_point_in_shape(&c.features[i].shape, lon, lat))
			T_FAIL("label of %s at %f,%f is outside",
			       c.features[i].name, lon, lat);
		/* and outside every other region */
		for (size_t j = 0; j < c.n; j++)
			if (j != i && geo_point_in_shape(&c.features[j].shape,
							 lon, lat))
				T_FAIL("label of %s inside %s",
				       c.features[i].name, c.features[j].name);
	}
	geo_collection_free(&c);
	errors_release(&e);
}

/* Shapes whose centroid is outside: a C, and a ring around a hole. */
TEST(test_geo__label_of_concave_and_holed_shapes)
{
	static const char c_shape[] =
		"{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[10,0],[10,2],"
		"[2,2],[2,8],[10,8],[10,10],[0,10],[0,0]]]}";
	static const char donut[] =
		"{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[10,0],[10,10],"
		"[0,10],[0,0]],[[1,1],[1,9],[9,9],[9,1],[1,1]]]}";
	static const char two[] =
		"{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],"
		"[0,1],[0,0]]],[[[5,5],[9,5],[9,9],[5,9],[5,5]]]]}";
	static const char flat[] =
		"{\"type\":\"Polygon\",\"coordinates\":[[[3,3],[4,4],[5,5],[3,3]]]}";
	struct errors e = ERRORS_INIT;
	struct geo_shape s;
	double lon, lat;

	CHECK_INT(geo_shape_from_json(c_shape, &s, &e), 0);
	CHECK(!geo_point_in_shape(&s, 5.7, 5));	/* the centroid-ish */
	CHECK_INT(geo_label_point(&s, &lon, &lat), 0);
	CHECK(geo_point_in_shape(&s, lon, lat));
	geo_shape_free(&s);

	CHECK_INT(geo_shape_from_json(donut, &s, &e), 0);
	CHECK(!geo_point_in_shape(&s, 5, 5));
	CHECK(geo_point_in_shape(&s, 0.5, 5));
	CHECK_INT(geo_label_point(&s, &lon, &lat), 0);
	CHECK(geo_point_in_shape(&s, lon, lat));
	geo_shape_free(&s);

	CHECK_INT(geo_shape_from_json(two, &s, &e), 0);
	CHECK_INT(geo_label_point(&s, &lon, &lat), 0);
	CHECK(fabs(lon - 7) < 1e-9 && fabs(lat - 7) < 1e-9);	/* larger one */
	geo_shape_free(&s);

	CHECK_INT(geo_shape_from_json(flat, &s, &e), 0);	/* no area */
	CHECK_INT(geo_label_point(&s, &lon, &lat), 1);
	geo_shape_free(&s);
	CHECK_INT(errors_count(&e), 0);
	errors_release(&e);
}

TEST(test_geo__hostile_text_is_escaped)
{
	static const char json[] =
		"{\"type\":\"Feature\",\"id\":\"<b>&\",\"properties\":{\"name\":"
		"\"<script>\\\"'&\\u202e𠀀\"},\"geometry\":{\"type\":\"Polygon\","
		"\"coordinates\":[[[113,28],[113.1,28],[113.1,28.1],[113,28]]]}}";
	struct geo_collection c = { NULL, 0 };
	struct errors e = ERRORS_INIT;
	struct buf svg = BUF_INIT;
	struct geo_map_region r = { 0 };

	CHECK_INT(geo_parse(json, strlen(json), "x.geojson", &c, &e), 0);
	CHECK_STR(c.features[0].name, "<script>\"'&\u202e𠀀");
	CHECK_STR(c.features[0].code, "<b>&");
	r.code = c.features[0].code;
	r.name = c.features[0].name;
	r.href = "/r/\"><script>/";
	r.shape = &c.features[0].shape;
	r.share = 0.5;
	r.title = "标题<\x01\xff\xc0\xaf\xef\xbf\xbe\t\"'&";
	CHECK_INT(geo_svg_map(&svg, "<map>&\"'", "p\"><x", &r, 1), 0);
	CHECK(!strstr(svg.buf, "<script"));
	CHECK(!strstr(svg.buf, "<b>"));
	CHECK(!strstr(svg.buf, "<map>"));
	CHECK(!strstr(svg.buf, "<x"));
	CHECK_CONTAINS(svg.buf, "&lt;script&gt;&quot;&#39;&amp;\u202e𠀀</text>");
	CHECK_CONTAINS(svg.buf, "data-code=\"&lt;b&gt;&amp;\"");
	CHECK_CONTAINS(svg.buf, "href=\"/r/&quot;&gt;&lt;script&gt;/\"");
	CHECK_CONTAINS(svg.buf, "<title>标题&lt;\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd&#9;&quot;&#39;&amp;</title>");
	CHECK_CONTAINS(svg.buf, "<title id=\"px-title\">&lt;map&gt;&amp;&quot;&#39;</title>");
	CHECK_CONTAINS(svg.buf, "gk-share-2");
	CHECK(utf8_valid(svg.buf, svg.len));
	CHECK(xml_ok(svg.buf, svg.len));
	buf_release(&svg);
	geo_collection_free(&c);
	errors_release(&e);
}

TEST(test_geo__map_bands_and_missing_shapes)
{
	static const double share[] = { 0, 0.19, 0.2, 0.39, 0.4, 0.6, 0.79,
					0.8, 1, 1.5, -1, NAN };
	static const char *const want[] = { "0", "0", "1", "1", "2", "3", "3",
					    "4", "4", "4", "na", "na" };
	static const char sq[] =
		"{\"type\":\"Polygon\",\"coordinates\":[[[113,28],[113.1,28],"
		"[113.1,28.1],[113,28.1],[113,28]]]}";
	struct errors e = ERRORS_INIT;
	struct buf svg = BUF_INIT, w = BUF_INIT;
	struct geo_shape s, none = { NULL, 0 };
	struct geo_map_region r = { 0 };

	CHECK_INT(geo_shape_from_json(sq, &s, &e), 0);
	r.name = "方块";
	r.shape = &s;
	for (size_t i = 0; i < sizeof(share) / sizeof(share[0]); i++) {
		buf_reset(&svg);
		buf_reset(&w);
		r.share = share[i];
		CHECK_INT(geo_svg_map(&svg, NULL, NULL, &r, 1), 0);
		buf_addf(&w, "<path class=\"gk-share-%s\"", want[i]);
		CHECK_CONTAINS(svg.buf, w.buf);
	}
	/* no href: a group, not a link; default title and ids */
	CHECK_CONTAINS(svg.buf, "<g class=\"gk-map-region\"><title>方块</title>");
	CHECK_CONTAINS(svg.buf, "<title id=\"gk-map-title\">区域地图</title>");
	CHECK(!strstr(svg.buf, "<a "));
	/* nothing to draw: -1 and nothing appended */
	buf_reset(&svg);
	buf_adds(&svg, "before");
	r.shape = &none;
	CHECK_INT(geo_svg_map(&svg, "t", "p", &r, 1), -1);
	r.shape = NULL;
	CHECK_INT(geo_svg_map(&svg, "t", "p", &r, 1), -1);
	CHECK_INT(geo_svg_map(&svg, "t", "p", NULL, 0), -1);
	CHECK_STR(svg.buf, "before");
	buf_release(&svg);
	buf_release(&w);
	geo_shape_free(&s);
	errors_release(&e);
}

TEST(test_geo__single_feature_numeric_id_and_bom)
{
	static const char json[] =
		"\xef\xbb\xbf{\"type\":\"Feature\",\"id\":430102,\"geometry\":"
		"{\"type\":\"Polygon\",\"bbox\":[1,2,3,4],\"coordinates\":[[[113,"
		"28,5],[113.1,28,5],[113.1,28.1,5],[113,28,5]]]}}";
	struct geo_collection c = { NULL, 0 };
	struct errors e = ERRORS_INIT;

	CHECK_INT(geo_parse(json, strlen(json), "one.geojson", &c, &e), 0);
	CHECK_INT(c.n, 1);
	CHECK_STR(c.features[0].code, "430102");
	CHECK(!c.features[0].name);
	CHECK_INT(c.features[0].shape.polys[0].rings[0].npts, 4);
	CHECK(c.features[0].shape.polys[0].rings[0].pts[2] == 113.1);
	/* only type and coordinates are stored */
	CHECK_STR(c.features[0].geometry_json,
		  "{\"type\":\"Polygon\",\"coordinates\":[[[113,28,5],[113.1,28,5],"
		  "[113.1,28.1,5],[113,28,5]]]}");
	geo_collection_free(&c);
	errors_release(&e);
}

/* A broken input: -1, nothing returned, a message containing 'want'. */
static const char *refused(const char *json, size_t len, const char *want)
{
	static char why[512];
	struct geo_collection c = { (struct geo_feature *)1, 99 };
	struct errors e = ERRORS_INIT;
	int rc = geo_parse(json, len, "bad.geojson", &c, &e);
	int found = 0;

	why[0] = '\0';
	for (size_t i = 0; i < e.n; i++) {
		if (strstr(e.msg[i], want))
			found = 1;
		if (strncmp(e.msg[i], "bad.geojson：", strlen("bad.geojson：")))
			snprintf(why, sizeof(why), "no file name: %s", e.msg[i]);
	}
	if (!why[0] && rc != -1)
		snprintf(why, sizeof(why), "accepted (rc %d)", rc);
	else if (!why[0] && (c.features || c.n))
		snprintf(why, sizeof(why), "partial result");
	else if (!why[0] && !found)
		snprintf(why, sizeof(why), "no \"%s\" in \"%s\"", want,
			 e.n ? e.msg[0] : "(no message)");
	errors_release(&e);
	return why[0] ? why : NULL;
}

#define POLY(coords) \
	"{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\"," \
	"\"properties\":{\"name\":\"岳麓区\",\"adcode\":\"430104\"},"        \
	"\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" coords "}}]}"
#define SQUARE "[[[113,28],[113.1,28],[113.1,28.1],[113,28]]]"

TEST(test_geo__refuses_broken_files)
{
	static const struct {
		const char *json, *want;
	} cases[] = {
		{ "this is not json", "不是有效的 JSON：语法错误" },
		{ "{\"type\":\"FeatureCollection\",\"features\":[]", "内容不完整" },
		{ "[]", "顶层应为带 type 的对象" },
		{ "{\"type\":\"Topology\"}", "类型为 Topology，应为 FeatureCollection 或 Feature" },
		{ "{\"type\":\"FeatureCollection\"}", "features 应为数组" },
		{ "{\"type\":\"FeatureCollection\",\"features\":[]}", "没有任何区域" },
		{ "{\"type\":\"FeatureCollection\",\"features\":[1]}", "第1个区域：应为 Feature 对象" },
		{ "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"岳麓区\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[113,28]}}]}",
		  "第1个区域（岳麓区）：边界类型为 Point，只支持 Polygon" },
		{ "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":null,\"geometry\":null}]}",
		  "第1个区域：没有边界" },
		{ POLY("[[[NaN,28],[113.1,28],[113.1,28.1],[NaN,28]]]"), "不是有效的 JSON" },
		{ POLY("[[[\"NaN\",28],[113.1,28],[113.1,28.1],[113,28]]]"), "第1个区域（岳麓区，430104）：外边界第1个点：坐标不是数字" },
		{ POLY("[[[Infinity,28],[113.1,28],[113.1,28.1],[113,28]]]"), "不是有效的 JSON" },
		{ POLY("[[[1e999,28],[113.1,28],[113.1,28.1],[113,28]]]"), "数字超出范围" },
		{ POLY("[[[113,200],[113.1,28],[113.1,28.1],[113,200]]]"), "外边界第1个点：纬度 200 超出范围" },
		{ POLY("[[[28,113],[28,113.1],[28.1,113.1],[28,113]]]"), "经纬度可能写反了" },
		{ POLY("[[[12580000,3270000],[12580100,3270000],[12580100,3270100],[12580000,3270000]]]"), "投影坐标" },
		{ POLY("[[[113,28],[113.1,28]]]"), "外边界只有 2 个点，至少需要 4 个" },
		{ POLY("[[[113,28],[113.1,28],[113.1,28.1],[113,28.1]]]"), "没有闭合" },
		{ POLY("[[[113],[113.1,28],[113.1,28.1],[113,28]]]"), "第1个点应为 [经度, 纬度]" },
		{ POLY("[]"), "边界没有坐标" },
		{ POLY("[5]"), "外边界应为坐标点的数组" },
		{ "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"a\",\"name\":\"b\"},\"geometry\":null}]}",
		  "重复的键" },
		{ "{\"type\":\"Feature\",\"properties\":{\"name\":7},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}",
		  "名称（name）应为文字" },
		{ "{\"type\":\"Feature\",\"properties\":{\"adcode\":[1]},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}",
		  "区划代码（adcode 或 id）应为文字或整数" },
		{ "{\"type\":\"Feature\",\"properties\":{\"name\":\"a\\nb\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}",
		  "换行或控制字符" },
		{ "{\"type\":\"Feature\",\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[]]}}",
		  "第1个多边形没有坐标" },
		{ "{\"type\":\"Feature\",\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[" SQUARE ",[[[1,2],[3,4],[1,2]]]]}}",
		  "第2个多边形的外边界只有 3 个点" },
		{ "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[113,28],[114,28],[114,29],[113,28]],[[1,1],[1,1]]]}}",
		  "第1个内边界（洞）只有 2 个点" },
		{ "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}} x",
		  "JSON 结束后还有多余内容" },
		{ "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE ",\"x\":\"\\u0000\"}}",
		  "NUL" },
		{ "", "内容为空" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *why = refused(cases[i].json, strlen(cases[i].json),
					  cases[i].want);
		if (why)
			T_FAIL("case %zu: %s", i, why);
	}
}

TEST(test_geo__refuses_invalid_utf8_and_deep_nesting)
{
	static const char latin1[] =
		"{\"type\":\"Feature\",\"properties\":{\"name\":\"\xd4\xc0\xc2\xb4\xc7\xf8\"},"
		"\"geometry\":null}";
	struct buf b = BUF_INIT;
	const char *why;

	why = refused(latin1, strlen(latin1), "不是有效的 UTF-8 文本");
	if (why)
		T_FAIL("%s", why);
	why = refused("{\"a\":\"\xff\"}", strlen("{\"a\":\"\xff\"}"), "UTF-8");
	if (why)
		T_FAIL("%s", why);
	/* a NUL inside the text */
	why = refused("{\"type\"\0:1}", 11, "不是有效的 JSON");
	if (why)
		T_FAIL("%s", why);
	for (int i = 0; i < 100000; i++)
		buf_addch(&b, '[');
	why = refused(b.buf, b.len, "嵌套超过 64 层");
	buf_release(&b);
	if (why)
		T_FAIL("%s", why);
}

TEST(test_geo__every_problem_named_by_region)
{
	static const char json[] =
		"{\"type\":\"FeatureCollection\",\"features\":["
		"{\"type\":\"Feature\",\"properties\":{\"name\":\"芙蓉区\",\"adcode\":430102},"
		"\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[113,28],[113.1,200],[113.1,28.1],[113,28]]]}},"
		"{\"type\":\"Feature\",\"id\":\"430103\",\"properties\":{\"name\":\"天心区\"},"
		"\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
		"{\"type\":\"Feature\",\"properties\":{\"name\":\"岳麓区\",\"adcode\":\"430104\"},"
		"\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[" SQUARE ",[[[113,28],[113.1,\"x\"],[113.1,28.1],[113,28]]]]}},"
		"{\"type\":\"Feature\",\"properties\":{\"adcode\":\"430103\"},"
		"\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}"
		"]}";
	struct geo_collection c = { NULL, 0 };
	struct errors e = ERRORS_INIT;

	CHECK_INT(geo_parse(json, strlen(json), "bad.geojson", &c, &e), -1);
	CHECK(!c.features && !c.n);
	CHECK_INT(e.n, 3);
	CHECK_STR(e.msg[0], "bad.geojson：第1个区域（芙蓉区，430102）：外边界第2个点：纬度 200 超出范围（应在 -90 到 90 之间）");
	CHECK_STR(e.msg[1], "bad.geojson：第3个区域（岳麓区，430104）：第2个多边形的外边界第2个点：坐标不是数字");
	CHECK_STR(e.msg[2], "bad.geojson：第4个区域（430103）：区划代码 430103 与第2个区域重复");
	errors_release(&e);
}

TEST(test_geo__problems_per_region_are_capped)
{
	struct buf b = BUF_INIT;
	struct geo_collection c = { NULL, 0 };
	struct errors e = ERRORS_INIT;

	buf_adds(&b, "{\"type\":\"Feature\",\"properties\":{\"name\":\"浏阳市\"},"
		     "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[113,28]");
	for (int i = 0; i < 20; i++)
		buf_adds(&b, ",[113,95]");
	buf_adds(&b, ",[113,28]]]}}");
	CHECK_INT(geo_parse(b.buf, b.len, NULL, &c, &e), -1);
	CHECK_INT(e.n, 6);
	CHECK_STR(e.msg[0], "第1个区域（浏阳市）：外边界第2个点：纬度 95 超出范围（应在 -90 到 90 之间）");
	CHECK_STR(e.msg[5], "第1个区域（浏阳市）：……另有 15 个问题未列出");
	buf_release(&b);
	errors_release(&e);
}

TEST(test_geo__too_many_features)
{
	struct buf b = BUF_INIT;
	struct geo_collection c = { NULL, 0 };
	struct errors e = ERRORS_INIT;

	buf_adds(&b, "{\"type\":\"FeatureCollection\",\"features\":[");
	for (int i = 0; i <= GEO_MAX_FEATURES; i++)
		buf_addf(&b, "%s{\"type\":\"Feature\",\"geometry\":{\"type\":"
			     "\"Polygon\",\"coordinates\":" SQUARE "}}",
			 i ? "," : "");
	buf_adds(&b, "]}");
	CHECK_INT(geo_parse(b.buf, b.len, "big.geojson", &c, &e), -1);
	CHECK_INT(e.n, 1);
	CHECK_STR(e.msg[0], "big.geojson：有 10001 个区域，超过 10000 个的上限");
	buf_release(&b);
	errors_release(&e);
}

TEST(test_geo__stored_geometry_refused_when_broken)
{
	static const char *const bad[] = {
		"", "{", "null", "{\"type\":\"Point\",\"coordinates\":[1,2]}",
		"{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[1,2]]]}",
		"{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[3,4],[5,-91],[1,2]]]}",
	};
	struct errors e = ERRORS_INIT;
	struct geo_shape s;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errors_release(&e);
		CHECK_INT(geo_shape_from_json(bad[i], &s, &e), -1);
		CHECK(!s.polys && !s.npolys);
		CHECK(e.n >= 1);
		CHECK(!strncmp(e.msg[0], "边界数据：", strlen("边界数据：")));
	}
	errors_release(&e);
	CHECK_INT(geo_shape_from_json(NULL, &s, &e), -1);
	errors_release(&e);
}

T_MAIN(T(test_geo__parses_changsha), T(test_geo__map_of_changsha),
       T(test_geo__labels_inside_their_region),
       T(test_geo__label_of_concave_and_holed_shapes),
       T(test_geo__hostile_text_is_escaped),
       T(test_geo__map_bands_and_missing_shapes),
       T(test_geo__single_feature_numeric_id_and_bom),
       T(test_geo__refuses_broken_files),
       T(test_geo__refuses_invalid_utf8_and_deep_nesting),
       T(test_geo__every_problem_named_by_region),
       T(test_geo__problems_per_region_are_capped),
       T(test_geo__too_many_features),
       T(test_geo__stored_geometry_refused_when_broken))
