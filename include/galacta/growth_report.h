/*
 * galacta/growth_report.h — the growth report of a case: every weight with
 * its change from birth weight and WHO z-score and percentile, the gains
 * between weights with their WHO velocity z-scores (or grams per day against
 * a sourced norm where no WHO interval fits), length and head circumference
 * for age, what is published about newborn weight loss at that age, the
 * output norms for the day of life, and the conclusions of the same pipeline
 * as galacta_assess() (supply status and its evidence, the triage reasons
 * that concern growth). Renderings: galacta-growth/1 JSON
 * (docs/growth-report-format.md), plain-words text, and a chart of the
 * weights over the WHO weight-for-age curves (SVG or PNG).
 *
 * Every function is pure (kb and c are only read; calls may run in
 * parallel on one KB). On failure an int function returns a negative
 * GALACTA_E* code, leaves its outputs NULL and sets galacta_error_last().
 */
#ifndef GALACTA_GROWTH_REPORT_H
#define GALACTA_GROWTH_REPORT_H

#include "galacta/assess.h"
#include "galacta/case.h"
#include "galacta/common.h"
#include "galacta/kb.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The growth report as galacta-growth/1 JSON (the shape of
 * ../shared/spec/case-format.md section 4, with galacta's additions in
 * docs/growth-report-format.md).
 *
 * kb     the KB c was parsed with (kb/growth.yaml supplies the published
 *        weight-change statements and the norms; kb/ui.yaml the texts).
 * c      a parsed case.
 * lang   language of the texts.
 * flags  GALACTA_RENDER_COMPACT: one line (else indented).
 * out    receives a NUL-terminated string owned by the caller
 *        (galacta_free()).
 *
 * Numbers: weights in g, ages in days (age_hours for the newborn days),
 * change from birth weight in % (negative = loss), z-scores by the WHO LMS
 * method with WHO's restricted rule beyond +-3 SD (galacta/growth.h), at
 * corrected age for babies born before 37 weeks (until 24 months).
 * A value that cannot be computed is null with a "reason" object
 * {code, field, text} — e.g. code "sex_unknown", field "infant.sex" — never
 * a guess. A missing infant.sex is therefore not an error here.
 * Sources: WHO Child Growth Standards 2006/2007, WHO velocity standards
 * 2009, and the KB sources cited next to each statement (listed in the
 * top-level "sources").
 *
 * Errors: GALACTA_EINVALID (NULL argument, unknown language, case parsed
 * with another KB), GALACTA_ENOMEM.
 */
GALACTA_EXTERN int galacta_growth_report(const galacta_kb *kb, const galacta_case *c,
	galacta_lang lang, int flags, char **out);

/*
 * The same report in plain words for parents (the conventions of
 * galacta_assessment_to_text(): triage first, numbered sources, the
 * disclaimer). flags: GALACTA_RENDER_COLOR for ANSI highlighting.
 * *out is owned by the caller (galacta_free()).
 * Errors: as galacta_growth_report().
 */
GALACTA_EXTERN int galacta_growth_report_text(const galacta_kb *kb, const galacta_case *c,
	galacta_lang lang, int flags, char **out);

/*
 * The infant's sex as the WHO tables need it.
 * Returns 0 and sets *out, or GALACTA_ENOTFOUND when infant.sex is not
 * given (galacta_error_last(): "infant.sex: not given; WHO z-scores and
 * percentiles are by sex"), GALACTA_EINVALID for a NULL argument.
 */
GALACTA_EXTERN int galacta_growth_sex(const galacta_kb *kb, const galacta_case *c, galacta_sex *out);

typedef enum {
	GALACTA_CHART_SVG = 0, /* image/svg+xml, text drawn as outlines */
	GALACTA_CHART_PNG = 1  /* image/png, 8-bit RGB */
} galacta_chart_format;

/* Size of the chart: pixels for PNG, points (1/72 in) for SVG. */
#define GALACTA_CHART_WIDTH 900
#define GALACTA_CHART_HEIGHT 600

/*
 * A chart of the baby's weights (kg) over the WHO weight-for-age curves
 * P3, P15, P50, P85, P97 (the lines of kb/growth.yaml) for the baby's sex,
 * drawn with cairo. The age axis fits the data: days up to about 10 weeks,
 * then weeks, then months; corrected age for preterm babies (weights before
 * the due date are drawn left of 0, where there are no WHO curves). Title,
 * legend and axis labels are in lang (Chinese text uses the fontconfig
 * family "Noto Sans CJK SC", Debian fonts-noto-cjk).
 *
 * format  GALACTA_CHART_SVG or GALACTA_CHART_PNG.
 * data    receives the file's bytes, owned by the caller (galacta_free()).
 * len     receives their number.
 *
 * Source of the curves: WHO Child Growth Standards 2006 (weight-for-age).
 * Errors: GALACTA_EINVALID — NULL argument, unknown language or format;
 * infant.sex not given (the curves are by sex; the message names it); no
 * weight to draw (neither infant.birth_weight_g nor infant.weights);
 * GALACTA_ENOMEM; GALACTA_EIO when cairo fails.
 */
GALACTA_EXTERN int galacta_growth_chart(const galacta_kb *kb, const galacta_case *c, galacta_lang lang,
	galacta_chart_format format, unsigned char **data, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
