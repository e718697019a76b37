/* geo.h: region boundaries from GeoJSON, and the map drawn from them
 *
 * An administrator imports a GeoJSON file of region outlines (the districts
 * of Changsha, say).  geo_parse() checks all of it and reports every problem
 * in Chinese, as the catalog importer does; nothing is kept from a file with
 * a problem.  Each feature carries its geometry as compact JSON for the
 * store; pages read it back with geo_shape_from_json() and draw several
 * regions with geo_svg_map(): one inline, accessible <svg> of links whose
 * colours and sizes come from the page's CSS, for example
 *
 *	.gk-map { width: 100%; height: auto; }
 *	.gk-map-region path { stroke: #fff; stroke-width: 1.5; }
 *	.gk-map-region:focus path, .gk-map-region:hover path { stroke: #000; }
 *	.gk-share-0 { fill: #fee5d9; } ... .gk-share-4 { fill: #2c7fb8; }
 *	.gk-share-na { fill: #ddd; }
 *	.gk-map-label { font-size: 22px; pointer-events: none; }
 *
 * This file knows nothing of HTTP or SQL.  Coordinates are WGS84
 * longitude/latitude in degrees, as RFC 7946 requires.
 */
#ifndef GK_GEO_H
#define GK_GEO_H

#include <stddef.h>

#include "../util/buf.h"
#include "../util/errors.h"

/* Caps on what geo_parse() and geo_shape_from_json() accept. */
#define GEO_MAX_INPUT (64u * 1024 * 1024)	/* bytes of JSON */
#define GEO_MAX_FEATURES 10000
#define GEO_MAX_POINTS 2000000			/* in all rings together */
#define GEO_MAX_DEPTH 64			/* nesting of [ and { */
#define GEO_MAX_NAME 256			/* bytes of a name */
#define GEO_MAX_CODE 64				/* bytes of a code */

/* One region's outline: rings of [lon, lat] points.  Polygon and
 * MultiPolygon geometries both become a list of polygons; each polygon is
 * its rings (first outer, rest holes).  A parsed ring is closed (its last
 * point repeats the first) and has at least 4 points. */
struct geo_ring {
	double *pts;		/* lon0, lat0, lon1, lat1, ... */
	size_t npts;
};
struct geo_polygon {
	struct geo_ring *rings;
	size_t nrings;
};
struct geo_shape {
	struct geo_polygon *polys;
	size_t npolys;
};
struct geo_feature {
	char *code;	/* properties.adcode, else the feature's "id" (string
			 * or integer), as text; NULL if none */
	char *name;	/* properties.name, trimmed; NULL if none */
	struct geo_shape shape;
	char *geometry_json;	/* {"type":…,"coordinates":…} compact, numbers
				 * to 15 significant digits; other members of
				 * the geometry are left out */
};
struct geo_collection {
	struct geo_feature *features;
	size_t n;
};

/* Parse a GeoJSON FeatureCollection (or a single Feature) of 'len' bytes.
 * Checks everything: UTF-8 (a leading BOM is skipped), JSON syntax without
 * duplicate keys, type FeatureCollection/Feature, geometry Polygon or
 * MultiPolygon, every position [lon, lat] (or [lon, lat, alt]) of finite
 * numbers within [-180,180] × [-90,90], rings of at least 4 points that
 * close, names and codes as text, codes unique, and the GEO_MAX_* caps.
 * Returns 0 with 'out' filled (free with geo_collection_free()), or -1 with
 * every problem added to 'err' in Chinese — "SOURCE：第3个区域（岳麓区，
 * 430104）：外边界第15个点：纬度 200 超出范围…" — and 'out' empty.
 * 'source' (the file name, may be NULL) starts each message. */
int geo_parse(const char *json, size_t len, const char *source,
	      struct geo_collection *out, struct errors *err);
void geo_collection_free(struct geo_collection *c);

/* Parse a stored geometry object (geometry_json above) back into a shape,
 * with the same checks.  Returns 0 (free with geo_shape_free()), or -1 with
 * the reason in 'err' and 'out' empty. */
int geo_shape_from_json(const char *geometry_json, struct geo_shape *out,
			struct errors *err);
void geo_shape_free(struct geo_shape *s);

/* A point to put a shape's label at, in *lon, *lat: the centroid of its
 * largest polygon when that lies inside the shape, else the midpoint of the
 * widest inside stretch of the horizontal line through the centroid (or,
 * failing that, through other latitudes of the polygon).  Returns 0 when
 * the point is inside the shape, 1 when the shape has no inside (a vertex
 * is set), -1 when it has no points (nothing set). */
int geo_label_point(const struct geo_shape *s, double *lon, double *lat);
/* 1 when (lon, lat) is inside the shape under the even-odd rule (as the
 * SVG path is filled), else 0.  Points on an edge may go either way. */
int geo_point_in_shape(const struct geo_shape *s, double lon, double lat);

/* One region on a map. */
struct geo_map_region {
	const char *code;	/* data-code attribute of the link */
	const char *name;	/* label text (else code) */
	const char *href;	/* link target, e.g. "/r/430104/"; NULL: no link */
	const struct geo_shape *shape;	/* from geo_parse/geo_shape_from_json;
					 * NULL or empty: region left out */
	double share;		/* 0..1 completeness, shades the fill; < 0 (or
				 * NaN) = unknown, neutral fill */
	const char *title;	/* accessible description, e.g. "岳麓区：完整度
				 * 85%"; NULL: the name */
};

/* Append to 'out' a complete <svg class="gk-map" role="group"
 * aria-labelledby="ID-title"> with <title id="ID-title">'title'</title>,
 * fitted to the regions' bounding box in a frame whose longer side is
 * about 1000 units (equirectangular, x scaled by cos(mid latitude), north
 * up), coordinates to 0.1 unit, each ring simplified (Douglas–Peucker,
 * 0.5 unit).  Each region is
 *	<a href="HREF" class="gk-map-region" data-code="CODE">
 *	<title>TITLE</title><path class="gk-share-N" fill-rule="evenodd" d=…/>
 *	<text class="gk-map-label" …>NAME</text></a>
 * with N one of 0..4 (share <20%, <40%, <60%, <80%, >=80%) or "na", and
 * the label at geo_label_point() (font-size="18" unless CSS says other).
 * Regions are drawn largest first (equal areas in the given order), so that
 * small regions and their labels stay on top; that is also their order in
 * the document, and so the keyboard order.  All text is escaped for XML
 * (invalid UTF-8 becomes U+FFFD, control characters are dropped).
 * 'id_prefix' (letters, digits, '-' and '_' kept; NULL: "gk-map") makes
 * the ids unique on a page.  Returns 0, or -1 (nothing appended) if no
 * region has a shape. */
int geo_svg_map(struct buf *out, const char *title, const char *id_prefix,
		const struct geo_map_region *regions, size_t n);

#endif
