/*
 * error.c — the thread-local last-error message and error-code names.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char last_error[1024];
static _Thread_local bool muted;

const char *galacta_error_last(void)
{
	return last_error;
}

void error__clear(void)
{
	last_error[0] = '\0';
}

bool error__mute(bool mute)
{
	bool was = muted;

	muted = mute;
	return was;
}

int error__set(int code, const char *fmt, ...)
{
	va_list ap;

	char *p;

	if (muted)
		return code;
	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
	/* One line, always: input quoted in a message (a JSON key, a YAML
	 * scalar) cannot add lines or terminal escapes. */
	for (p = last_error; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return code;
}

const char *galacta_error_name(int code)
{
	switch (code) {
	case GALACTA_OK: return "ok";
	case GALACTA_EINVALID: return "invalid input";
	case GALACTA_ENOTFOUND: return "not found";
	case GALACTA_ENOMEM: return "out of memory";
	case GALACTA_EIO: return "input/output error";
	case GALACTA_EKB: return "invalid knowledge base";
	case GALACTA_ERANGE: return "out of range";
	default: return "unknown error";
	}
}

const char *galacta_version(void)
{
	return GALACTA_VERSION_STRING;
}
