/*
 * The reader thread (see reader_thread.h).  Records are copied into
 * batches, each a block of field bytes with its offsets; a ring of RING
 * batches sits between the threads.  The producer fills the slot at tail
 * while the ring has room, the consumer reads the slot at head and gives
 * it back once it asks for the record after its last: so at most RING
 * batches exist, and a record handed out stays valid until the next call,
 * as csvread_next promises.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "reader_thread.h"
#include "xalloc.h"

/* Enough rows per batch that the lock is taken about 8,000 times for a
 * million rows, few enough that the ring stays small (4 batches of 128
 * rows: about 0.5 MiB with 27-column rows of 220 bytes) and a slow
 * producer's rows are not held back. */
#define RING 4
#define BATCH_ROWS 128
#define BATCH_BYTES (32 * 1024)

/* rec_copy.error when the record has none. */
#define NO_ERROR ((size_t)-1)

/* A record in a batch: its fields are fields[first .. first + nfields). */
typedef struct rec_copy {
	size_t first, nfields;
	size_t line, end_line, index;
	size_t error; /* offset of the reader's message in data, or NO_ERROR */
	long error_field;
	int has_nul;
} rec_copy;

typedef struct batch {
	char *data; /* every field, NUL-terminated, and error messages */
	size_t len, cap;
	size_t *off; /* each field's offset in data */
	size_t *lens;
	char **ptr; /* data + off[i], set when the batch is handed over */
	size_t nf, fcap, pcap;
	rec_copy *recs;
	size_t nrec, rcap;
	int rc; /* 1: more batches follow; else next's last return */
} batch;

struct reader_thread {
	pthread_t tid;
	pthread_mutex_t mu;
	pthread_cond_t can_take; /* a batch was handed over, or waiting set */
	pthread_cond_t can_fill; /* a slot came free, or stop set */
	batch ring[RING];
	/* Under mu: batches handed over are ring[head % RING] up to
	 * ring[tail % RING], tail - head <= RING. */
	size_t head, tail;
	int waiting; /* the producer waits for input (under mu) */
	int stop;    /* reader_thread_free wants the thread to end (under mu) */

	/* The producer's own. */
	assess_next next;
	void *src;
	batch *filling; /* the slot being filled, or NULL */

	/* The consumer's own. */
	void (*idle)(void *);
	void *idle_arg;
	int holding; /* it reads ring[head % RING] */
	size_t at;   /* the next record of that batch */
};

static void
put_bytes(batch *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap)
		b->data = xgrow(b->data, &b->cap, b->len + n + 1, 1);
	memcpy(b->data + b->len, s, n);
	b->data[b->len + n] = '\0';
	b->len += n + 1;
}

/* Copies rec into b. */
static void
add_record(batch *b, const csv_record *rec)
{
	rec_copy *c;
	size_t i;

	if (b->nrec == b->rcap)
		b->recs = xgrow(b->recs, &b->rcap, b->nrec + 1,
				sizeof *b->recs);
	if (b->nf + rec->nfields > b->fcap) {
		/* off and lens have the same capacity */
		size_t cap = b->fcap;

		b->off = xgrow(b->off, &cap, b->nf + rec->nfields,
			       sizeof *b->off);
		b->lens = xrealloc(b->lens, cap * sizeof *b->lens);
		b->fcap = cap;
	}
	c = &b->recs[b->nrec++];
	c->first = b->nf;
	c->nfields = rec->nfields;
	c->line = rec->line;
	c->end_line = rec->end_line;
	c->index = rec->index;
	c->error_field = rec->error_field;
	c->has_nul = rec->has_nul;
	if (rec->nfields) {
		/* csvread keeps a record's fields in one buffer, in order:
		 * one copy of the span takes them all, each still followed
		 * by its NUL. */
		const char *base = rec->fields[0];
		const char *last = rec->fields[rec->nfields - 1];
		size_t at = b->len;

		put_bytes(b, base,
			  (size_t)(last - base) + rec->lens[rec->nfields - 1]);
		memcpy(b->lens + b->nf, rec->lens,
		       rec->nfields * sizeof *rec->lens);
		for (i = 0; i < rec->nfields; i++)
			b->off[b->nf + i] = at +
					    (size_t)(rec->fields[i] - base);
		b->nf += rec->nfields;
	}
	c->error = NO_ERROR;
	if (rec->error) {
		c->error = b->len;
		put_bytes(b, rec->error, strlen(rec->error));
	}
}

/* Waits for the slot at tail to be free and returns it emptied, or NULL
 * once stop is set. */
static batch *
claim(reader_thread *rt)
{
	batch *b;

	pthread_mutex_lock(&rt->mu);
	while (rt->tail - rt->head >= RING && !rt->stop)
		pthread_cond_wait(&rt->can_fill, &rt->mu);
	b = rt->stop ? NULL : &rt->ring[rt->tail % RING];
	pthread_mutex_unlock(&rt->mu);
	if (b)
		b->len = b->nf = b->nrec = 0;
	return b;
}

/* Hands the slot being filled to the consumer, rc saying what follows. */
static void
hand_over(reader_thread *rt, int rc)
{
	batch *b = rt->filling;
	size_t i;

	if (b->nf > b->pcap)
		b->ptr = xgrow(b->ptr, &b->pcap, b->nf, sizeof *b->ptr);
	for (i = 0; i < b->nf; i++)
		b->ptr[i] = b->data + b->off[i];
	b->rc = rc;
	rt->filling = NULL;
	pthread_mutex_lock(&rt->mu);
	rt->tail++;
	rt->waiting = 0;
	pthread_cond_signal(&rt->can_take);
	pthread_mutex_unlock(&rt->mu);
}

void
reader_thread_waiting(void *p)
{
	reader_thread *rt = p;

	if (rt->filling && rt->filling->nrec) {
		hand_over(rt, 1);
		rt->filling = claim(rt);
	}
	pthread_mutex_lock(&rt->mu);
	rt->waiting = 1;
	pthread_cond_signal(&rt->can_take);
	pthread_mutex_unlock(&rt->mu);
}

static void *
produce(void *p)
{
	reader_thread *rt = p;
	csv_record rec;
	int rc;

	while ((rt->filling = claim(rt)) != NULL) {
		do {
			rc = rt->next(rt->src, &rec);
			/* The hook may have handed the slot over meanwhile,
			 * and found no other before stop. */
			if (!rt->filling)
				return NULL;
			if (rc > 0)
				add_record(rt->filling, &rec);
		} while (rc > 0 && rt->filling->nrec < BATCH_ROWS &&
			 rt->filling->len < BATCH_BYTES);
		hand_over(rt, rc > 0 ? 1 : rc);
		if (rc <= 0)
			break;
	}
	return NULL;
}

reader_thread *
reader_thread_start(assess_next next, void *src, csvread *in,
		    void (*idle)(void *), void *idle_arg)
{
	reader_thread *rt = xcalloc(1, sizeof *rt);

	rt->next = next;
	rt->src = src;
	rt->idle = idle;
	rt->idle_arg = idle_arg;
	pthread_mutex_init(&rt->mu, NULL);
	pthread_cond_init(&rt->can_take, NULL);
	pthread_cond_init(&rt->can_fill, NULL);
	if (in)
		csvread_on_wait(in, reader_thread_waiting, rt);
	if (pthread_create(&rt->tid, NULL, produce, rt) != 0) {
		if (in)
			csvread_on_wait(in, NULL, NULL);
		pthread_cond_destroy(&rt->can_fill);
		pthread_cond_destroy(&rt->can_take);
		pthread_mutex_destroy(&rt->mu);
		free(rt);
		return NULL;
	}
	return rt;
}

int
reader_thread_next(void *p, csv_record *rec)
{
	reader_thread *rt = p;
	int idled;

	for (;;) {
		if (rt->holding) {
			const batch *b = &rt->ring[rt->head % RING];

			if (rt->at < b->nrec) {
				const rec_copy *c = &b->recs[rt->at++];

				rec->fields = b->ptr + c->first;
				rec->lens = b->lens + c->first;
				rec->nfields = c->nfields;
				rec->line = c->line;
				rec->end_line = c->end_line;
				rec->index = c->index;
				rec->error = c->error == NO_ERROR ?
						 NULL :
						 b->data + c->error;
				rec->error_field = c->error_field;
				rec->has_nul = c->has_nul;
				return 1;
			}
			/* The last batch is kept: asking again gives its end
			 * again. */
			if (b->rc <= 0)
				return b->rc;
			pthread_mutex_lock(&rt->mu);
			rt->head++;
			rt->holding = 0;
			pthread_cond_signal(&rt->can_fill);
			pthread_mutex_unlock(&rt->mu);
		}
		idled = 0;
		pthread_mutex_lock(&rt->mu);
		while (rt->tail == rt->head) {
			/* Nothing to evaluate while the input has nothing
			 * ready: the report goes out first, once, outside
			 * the lock (writing it may block). */
			if (rt->waiting && !idled && rt->idle) {
				pthread_mutex_unlock(&rt->mu);
				rt->idle(rt->idle_arg);
				idled = 1;
				pthread_mutex_lock(&rt->mu);
				continue;
			}
			pthread_cond_wait(&rt->can_take, &rt->mu);
		}
		pthread_mutex_unlock(&rt->mu);
		rt->holding = 1;
		rt->at = 0;
	}
}

void
reader_thread_free(reader_thread *rt)
{
	size_t i;

	if (!rt)
		return;
	pthread_mutex_lock(&rt->mu);
	rt->stop = 1;
	pthread_cond_broadcast(&rt->can_fill);
	pthread_mutex_unlock(&rt->mu);
	pthread_join(rt->tid, NULL);
	for (i = 0; i < RING; i++) {
		batch *b = &rt->ring[i];

		free(b->data);
		free(b->off);
		free(b->lens);
		free(b->ptr);
		free(b->recs);
	}
	pthread_cond_destroy(&rt->can_fill);
	pthread_cond_destroy(&rt->can_take);
	pthread_mutex_destroy(&rt->mu);
	free(rt);
}
