/*
 * The reader thread (src/reader_thread.c): records come back in order and
 * intact across many batches, with their line numbers, errors and NUL
 * flags; the source's end (0) or failure (-1) comes after the last record
 * and again if asked; a record longer than a batch still passes; the
 * waiting hook hands a partial batch over.  (Whether the consumer idles
 * depends on timing, so it is not asserted here: the FIFO golden cases
 * screen-*-streams* prove the promptness it gives.)
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader_thread.h"
#include "testutil.h"

/* A record source of n records, record i with (i % 7) + 1 fields of
 * varying length in one buffer, as csvread keeps them; ends with rc. */
typedef struct fake {
	size_t n, i;
	int rc;
	size_t big;      /* record index whose first field is huge, or 0 */
	char buf[70000]; /* the current record's fields */
	char *fields[8];
	size_t lens[8];
	char err[32];
	pthread_mutex_t mu; /* rt is set after the thread started */
	reader_thread *rt;  /* set: the source calls the waiting hook */
	size_t wait_every;  /* ... before every this many records */
} fake;

static fake *
fake_new(size_t n, int rc)
{
	fake *f = calloc(1, sizeof *f);

	ck_assert_ptr_nonnull(f);
	f->n = n;
	f->rc = rc;
	pthread_mutex_init(&f->mu, NULL);
	return f;
}

static void
fake_free(fake *f)
{
	pthread_mutex_destroy(&f->mu);
	free(f);
}

/* The text of field k of record i. */
static size_t
field_text(size_t i, size_t k, char *out, size_t big)
{
	if (i == big && k == 0) {
		memset(out, 'x', 65000);
		return 65000;
	}
	return (size_t)sprintf(out, "r%zu-f%zu%.*s", i, k, (int)(i % 5),
			       "#####");
}

static int
fake_next(void *p, csv_record *rec)
{
	fake *f = p;
	size_t i, k, at = 0;
	reader_thread *rt;

	if (f->i == f->n)
		return f->rc;
	i = ++f->i;
	pthread_mutex_lock(&f->mu);
	rt = f->rt;
	pthread_mutex_unlock(&f->mu);
	if (rt && f->wait_every && i % f->wait_every == 0)
		reader_thread_waiting(rt);
	memset(rec, 0, sizeof *rec);
	rec->nfields = i % 7 + 1;
	for (k = 0; k < rec->nfields; k++) {
		f->fields[k] = f->buf + at;
		f->lens[k] = field_text(i, k, f->buf + at, f->big);
		/* a delimiter's worth of slack after each NUL, as in a line */
		f->buf[at + f->lens[k]] = '\0';
		at += f->lens[k] + 2;
	}
	rec->fields = f->fields;
	rec->lens = f->lens;
	rec->line = i * 2;
	rec->end_line = i * 2 + 1;
	rec->index = i;
	rec->error_field = -1;
	if (i % 11 == 0) {
		snprintf(f->err, sizeof f->err, "bad row %zu", i);
		rec->error = f->err;
		rec->error_field = 0;
	}
	rec->has_nul = i % 13 == 0;
	return 1;
}

static int idles;

static void
count_idle(void *arg)
{
	(void)arg;
	idles++;
}

/* Reads everything from rt and checks it against what f made. */
static void
read_all(reader_thread *rt, const fake *f, int want_rc)
{
	char text[70000];
	csv_record rec;
	size_t i, k;
	int rc;

	for (i = 1; (rc = reader_thread_next(rt, &rec)) > 0; i++) {
		ck_assert_uint_eq(rec.index, i);
		ck_assert_uint_eq(rec.line, i * 2);
		ck_assert_uint_eq(rec.end_line, i * 2 + 1);
		ck_assert_uint_eq(rec.nfields, i % 7 + 1);
		ck_assert_int_eq(rec.has_nul, i % 13 == 0);
		for (k = 0; k < rec.nfields; k++) {
			size_t n = field_text(i, k, text, f->big);

			ck_assert_uint_eq(rec.lens[k], n);
			ck_assert_int_eq(memcmp(rec.fields[k], text, n), 0);
			ck_assert_int_eq(rec.fields[k][n], '\0');
		}
		if (i % 11 == 0) {
			snprintf(text, sizeof text, "bad row %zu", i);
			ck_assert_ptr_nonnull(rec.error);
			ck_assert_str_eq(rec.error, text);
			ck_assert_int_eq(rec.error_field, 0);
		} else {
			ck_assert_ptr_null(rec.error);
			ck_assert_int_eq(rec.error_field, -1);
		}
	}
	ck_assert_uint_eq(i - 1, f->n);
	ck_assert_int_eq(rc, want_rc);
	/* asked again, the end is the same */
	ck_assert_int_eq(reader_thread_next(rt, &rec), want_rc);
}

START_TEST(test_in_order)
{
	fake *f = fake_new(5000, 0);
	reader_thread *rt;

	f->big = 300;
	rt = reader_thread_start(fake_next, f, NULL, NULL, NULL);
	ck_assert_ptr_nonnull(rt);
	read_all(rt, f, 0);
	reader_thread_free(rt);
	fake_free(f);
}
END_TEST

START_TEST(test_failure_after_rows)
{
	fake *f = fake_new(700, -1);
	reader_thread *rt;

	rt = reader_thread_start(fake_next, f, NULL, NULL, NULL);
	ck_assert_ptr_nonnull(rt);
	read_all(rt, f, -1);
	reader_thread_free(rt);
	fake_free(f);
}
END_TEST

START_TEST(test_empty)
{
	fake *f = fake_new(0, 0);
	reader_thread *rt;

	rt = reader_thread_start(fake_next, f, NULL, NULL, NULL);
	ck_assert_ptr_nonnull(rt);
	read_all(rt, f, 0);
	reader_thread_free(rt);
	fake_free(f);
}
END_TEST

/* The hook hands over what was read: a source that waits before every
 * third record still delivers all of them, in order. */
START_TEST(test_waiting)
{
	fake *f = fake_new(1000, 0);
	reader_thread *rt;

	f->wait_every = 3;
	idles = 0;
	rt = reader_thread_start(fake_next, f, NULL, count_idle, NULL);
	ck_assert_ptr_nonnull(rt);
	pthread_mutex_lock(&f->mu);
	f->rt = rt;
	pthread_mutex_unlock(&f->mu);
	read_all(rt, f, 0);
	reader_thread_free(rt);
	fake_free(f);
}
END_TEST

START_TEST(test_free_null)
{
	reader_thread_free(NULL);
}
END_TEST

static Suite *
reader_thread_suite(void)
{
	Suite *s = suite_create("reader_thread");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_in_order);
	tcase_add_test(tc, test_failure_after_rows);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_waiting);
	tcase_add_test(tc, test_free_null);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(reader_thread_suite)
