/*
 * galacta/common.h — error codes, export macro and small shared types of the
 * public API. Every public function returns 0 or a negative GALACTA_E* code;
 * details are in a thread-local message read with galacta_error_last().
 */
#ifndef GALACTA_COMMON_H
#define GALACTA_COMMON_H

#ifdef __cplusplus
extern "C" {
#endif

#if defined(GALACTA_BUILDING) && defined(__GNUC__)
#define GALACTA_EXTERN __attribute__((visibility("default")))
#else
#define GALACTA_EXTERN
#endif

/* Error codes. Never renumber: callers and the CLI's exit-code table depend
 * on them. */
enum {
	GALACTA_OK = 0,
	GALACTA_EINVALID = -1,  /* bad input: a case, an argument, a KB file */
	GALACTA_ENOTFOUND = -2, /* an id, file or table entry does not exist */
	GALACTA_ENOMEM = -3,    /* allocation failed */
	GALACTA_EIO = -4,       /* a file could not be read */
	GALACTA_EKB = -5,       /* the knowledge base failed validation */
	GALACTA_ERANGE = -6     /* a value is outside what a table covers */
};

/* The message of the last error on this thread: one line, with the JSON
 * path or FILE:LINE where one applies. Borrowed: valid until the next
 * galacta call on this thread. Never NULL (empty when no error). */
GALACTA_EXTERN const char *galacta_error_last(void);

/* A short English name for an error code ("invalid input", …). Static. */
GALACTA_EXTERN const char *galacta_error_name(int code);

/* Library version, e.g. "0.1.0". Static. */
GALACTA_EXTERN const char *galacta_version(void);

typedef enum {
	GALACTA_SEX_UNKNOWN = 0,
	GALACTA_SEX_MALE = 1,  /* WHO Anthro coding: 1 = boys */
	GALACTA_SEX_FEMALE = 2 /* 2 = girls */
} galacta_sex;

#ifdef __cplusplus
}
#endif
#endif
