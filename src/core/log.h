/* log — lines to stderr, one per event, prefixed with the UTC time and a level.
 * Safe from any thread (each line is written with one stdio call). */
#ifndef MAMORI_LOG_H
#define MAMORI_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
