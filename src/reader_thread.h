#ifndef PARTNERCHECK_READER_THREAD_H
#define PARTNERCHECK_READER_THREAD_H

#include "assess.h"
#include "csvread.h"

/*
 * A second thread that reads and tokenizes the input while the calling
 * thread evaluates: it pulls records from a record source (session_read)
 * and hands them over in batches through a bounded ring of a few batches,
 * so memory stays flat whatever the input's length.  The consumer reads
 * them back, in order, through reader_thread_next, an assess_next.
 *
 * Promptness: the source's reader calls reader_thread_waiting (install it
 * with csvread_on_wait) before it blocks on input that is not there yet;
 * the batch so far is then handed over at once, and the consumer, finding
 * nothing more to evaluate while the reader waits, calls its idle hook
 * (report_idle: the report goes out) before it sleeps.  A slow producer's
 * rows are therefore each screened and reported as they arrive, as with
 * one thread.
 */

typedef struct reader_thread reader_thread;

/*
 * Starts the thread, which calls next(src, &rec) until it returns 0 or -1
 * and copies each record into the ring; in is the reader next reads
 * from, whose csvread_on_wait hook becomes reader_thread_waiting (and is
 * removed again if the thread cannot start), or NULL when next calls the
 * hook itself or never waits.  next runs on the new thread only
 * from now until reader_thread_next has returned 0 or -1 (or until
 * reader_thread_free): src must not be touched by the caller meanwhile,
 * beyond what next's own contract allows.  idle(idle_arg) runs on the
 * calling thread, as above; idle may be NULL.  Returns NULL when the
 * thread cannot be started (the caller then reads with one thread).
 * Free with reader_thread_free.
 */
reader_thread *reader_thread_start(assess_next next, void *src, csvread *in,
				   void (*idle)(void *), void *idle_arg);

/*
 * The next record, in input order: returns 1 with *rec filled (valid until
 * the next call), or what next returned at the end: 0, or -1 (the record
 * source says why; the thread has ended by then, so src may be read).
 * rt is a reader_thread *: the signature is an assess_next.
 */
int reader_thread_next(void *rt, csv_record *rec);

/*
 * The csvread_on_wait hook (arg: the reader_thread *) that
 * reader_thread_start installs: called on the reader thread when its
 * input has nothing ready, it hands over the records read so far.
 */
void reader_thread_waiting(void *rt);

/* Stops the thread (it finishes the record it is on, then ends), waits
 * for it, and frees rt with every batch; NULL is a no-op.  The thread
 * must not be blocked on input that never comes: call it after
 * reader_thread_next returned 0 or -1, or when the input is a file. */
void reader_thread_free(reader_thread *rt);

#endif
