/* risk_matrix — the words of the risk matrix's steps (issue 6 point 5: the matrix's size
 * and labels are settings). risk_matrix_size gives the steps; risk_likelihood_labels and
 * risk_impact_labels name them, from step 1 up, as "ja|en" pairs separated by commas:
 *
 *   risk_likelihood_labels = まれ|Rare, 起こりにくい|Unlikely, 起こりうる|Possible, 起こりやすい|Likely, ほぼ確実|Almost certain
 *
 * The English half is optional (the Japanese is shown then). A setting left unset takes
 * the built-in words for sizes 3, 4 and 5, and "レベル n" / "Level n" for larger sizes,
 * which have no common vocabulary. A setting that names a different number of steps
 * than the size is refused at start, naming the setting: the matrix is read by the
 * committee, and a map whose labels do not fit its rows would mislead it.
 *
 * These are configuration, as risk_matrix_size is (mamori has no stored settings table;
 * the size and its words must change together, in one place). Read-only after start. */
#ifndef MAMORI_RISK_MATRIX_H
#define MAMORI_RISK_MATRIX_H
#include "core/err.h"

#define RISK_MATRIX_MIN 3
#define RISK_MATRIX_MAX 10
#define RISK_LABEL_MAX_BYTES 100

typedef struct risk_label {
    char *ja; /* owned; never NULL or empty */
    char *en; /* owned; the Japanese when the setting gives no English */
} risk_label;

typedef struct risk_matrix {
    int size;
    risk_label *likelihood; /* owned; size of them, step s at [s - 1] */
    risk_label *impact;     /* owned; likewise */
} risk_matrix;

/* The matrix of size with the words of the two settings (NULL or "" : the defaults).
 * ERR_VALIDATION names the setting and says what is wrong; *out is then empty. */
err_code risk_matrix_make(int size, const char *likelihood_labels, const char *impact_labels, risk_matrix *out,
                          err *e);
void risk_matrix_free(risk_matrix *m);

#endif
