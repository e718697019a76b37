/* fuzz-geojson.c: libFuzzer target for the GeoJSON reader and the SVG map
 *
 * Any input either is refused with at least one message and nothing
 * returned, or gives features that keep geo_parse()'s promises: at least one
 * polygon each, rings of >= 4 closed points with finite coordinates in
 * range, names and codes non-empty valid UTF-8, and a stored geometry that
 * geo_shape_from_json() reads back to the same shape.  Accepted features
 * are then drawn with hostile titles: the map must be valid UTF-8 and
 * well-formed XML (libxml2) with one link per feature, and every label
 * point geo_label_point() calls inside must be inside.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "domain/geo.h"
#include "util/buf.h"
#include "util/errors.h"
#include "util/utf8.h"

#define FAIL(...) do { \
	fprintf(stderr, "fuzz-geojson: " __VA_ARGS__); \
	fprintf(stderr, "\n"); \
	abort(); \
} while (0)

static void check_text(const char *s, const char *what, size_t i)
{
	if (s && (!*s || !utf8_valid(s, strlen(s))))
		FAIL("feature %zu: bad %s", i, what);
}

/* Same numbers up to the 15 significant digits they are stored with. */
static int close_to(double a, double b)
{
	return fabs(a - b) <= 1e-13 * (fabs(a) > 1 ? fabs(a) : 1);
}

static void check_shape(const struct geo_shape *s, size_t i)
{
	if (!s->npolys)
		FAIL("feature %zu: no polygon", i);
	for (size_t p = 0; p < s->npolys; p++) {
		const struct geo_polygon *pg = &s->polys[p];

		if (!pg->nrings)
			FAIL("feature %zu polygon %zu: no ring", i, p);
		for (size_t r = 0; r < pg->nrings; r++) {
			const struct geo_ring *g = &pg->rings[r];

			if (g->npts < 4)
				FAIL("feature %zu: ring of %zu", i, g->npts);
			if (g->pts[0] != g->pts[2 * g->npts - 2] ||
			    g->pts[1] != g->pts[2 * g->npts - 1])
				FAIL("feature %zu: ring not closed", i);
			for (size_t k = 0; k < g->npts; k++) {
				double lon = g->pts[2 * k];
				double lat = g->pts[2 * k + 1];

				if (!(lon >= -180 && lon <= 180) ||
				    !(lat >= -90 && lat <= 90))
					FAIL("feature %zu: point %f,%f", i, lon,
					     lat);
			}
		}
	}
}

static void check_same(const struct geo_shape *a, const struct geo_shape *b,
		       size_t i)
{
	if (a->npolys != b->npolys)
		FAIL("feature %zu: stored %zu polygons, read %zu", i,
		     a->npolys, b->npolys);
	for (size_t p = 0; p < a->npolys; p++) {
		if (a->polys[p].nrings != b->polys[p].nrings)
			FAIL("feature %zu: rings differ", i);
		for (size_t r = 0; r < a->polys[p].nrings; r++) {
			const struct geo_ring *x = &a->polys[p].rings[r];
			const struct geo_ring *y = &b->polys[p].rings[r];

			if (x->npts != y->npts)
				FAIL("feature %zu: points differ", i);
			for (size_t k = 0; k < 2 * x->npts; k++)
				if (!close_to(x->pts[k], y->pts[k]))
					FAIL("feature %zu: %.17g read back as %.17g",
					     i, x->pts[k], y->pts[k]);
		}
	}
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(hay, needle); p;
	     p = strstr(p + strlen(needle), needle))
		n++;
	return n;
}

static void draw(const struct geo_collection *c)
{
	struct geo_map_region *r = calloc(c->n, sizeof(*r));
	struct buf svg = BUF_INIT;
	xmlDocPtr doc;

	if (!r)
		abort();
	for (size_t i = 0; i < c->n; i++) {
		r[i].code = c->features[i].code;
		r[i].name = c->features[i].name;
		r[i].href = i % 3 ? "/r/\"x'&<>/" : NULL;
		r[i].shape = &c->features[i].shape;
		r[i].share = i % 4 == 3 ? -1 : (double)i / (double)c->n;
		r[i].title = i % 2 ? "<t>&\"'\x01\xff" : NULL;
	}
	if (geo_svg_map(&svg, "<m>&", "fz\"", r, c->n) < 0)
		FAIL("map refused");
	if (!utf8_valid(svg.buf, svg.len))
		FAIL("map is not UTF-8");
	if (strncmp(svg.buf, "<svg ", 5) || count(svg.buf, "<svg") != 1 ||
	    strcmp(svg.buf + svg.len - 7, "</svg>\n"))
		FAIL("map is not one <svg>");
	if (count(svg.buf, "class=\"gk-map-region\"") != c->n)
		FAIL("map has %zu regions for %zu features",
		     count(svg.buf, "class=\"gk-map-region\""), c->n);
	doc = xmlReadMemory(svg.buf, (int)svg.len, "map.svg", "UTF-8",
			    XML_PARSE_NONET | XML_PARSE_NOERROR |
				    XML_PARSE_NOWARNING);
	if (!doc)
		FAIL("map is not well-formed XML");
	xmlFreeDoc(doc);
	buf_release(&svg);
	free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct geo_collection c = { (struct geo_feature *)1, 7 };
	struct errors e = ERRORS_INIT;

	if (geo_parse((const char *)data, size, "fuzz.geojson", &c, &e) < 0) {
		if (!errors_count(&e) || c.features || c.n)
			FAIL("refused with %zu messages, %zu features",
			     errors_count(&e), c.n);
		goto out;
	}
	if (errors_count(&e))
		FAIL("accepted with %zu messages", errors_count(&e));
	if (!c.n || c.n > GEO_MAX_FEATURES)
		FAIL("%zu features", c.n);
	for (size_t i = 0; i < c.n; i++) {
		const struct geo_feature *f = &c.features[i];
		struct geo_shape back;
		double lon, lat;
		int rc;

		check_text(f->name, "name", i);
		check_text(f->code, "code", i);
		check_shape(&f->shape, i);
		if (!f->geometry_json)
			FAIL("feature %zu: no stored geometry", i);
		if (geo_shape_from_json(f->geometry_json, &back, &e) < 0)
			FAIL("feature %zu: stored geometry refused: %s", i,
			     e.n ? e.msg[0] : "?");
		check_same(&f->shape, &back, i);
		geo_shape_free(&back);
		rc = geo_label_point(&f->shape, &lon, &lat);
		if (rc < 0)
			FAIL("feature %zu: no label point", i);
		if (rc == 0 && !geo_point_in_shape(&f->shape, lon, lat))
			FAIL("feature %zu: label %.17g,%.17g outside", i, lon,
			     lat);
	}
	draw(&c);
out:
	geo_collection_free(&c);
	errors_release(&e);
	return 0;
}
