/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * outfile.c - the files a command writes, all or nothing (outfile.h).
 *
 * The pending outputs are one list, in the order they were opened: a
 * temporary name, the final name, and whether it is a directory.  Files
 * written into a pending directory come after it, so the list read
 * backwards removes files before their directory, and a commit renames
 * the files first, then the directories.  The signal handler reads the
 * list; every change to it is made with those signals blocked.
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct pending {
    char *tmp, *path;
    int dir;   /* a directory (out_dir_open) */
    int inner; /* a file inside a pending directory */
    int (*ours)(const char *name);
};

static struct pending *pend;
static size_t npend, cap;
static int failed;

static const int caught[] = {SIGINT, SIGTERM, SIGHUP};
#define NCAUGHT (sizeof caught / sizeof caught[0])

static void on_signal(int sig)
{
    for (size_t i = npend; i-- > 0;) {
        if (pend[i].dir)
            rmdir(pend[i].tmp);
        else
            unlink(pend[i].tmp);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void block(sigset_t *old)
{
    sigset_t s;
    sigemptyset(&s);
    for (size_t k = 0; k < NCAUGHT; k++)
        sigaddset(&s, caught[k]);
    sigprocmask(SIG_BLOCK, &s, old);
}

static void unblock(const sigset_t *old)
{
    sigprocmask(SIG_SETMASK, old, NULL);
}

/* Install the handlers once; a signal the caller ignores stays ignored. */
static void catch_signals(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    for (size_t k = 0; k < NCAUGHT; k++) {
        struct sigaction sa, was;
        if (sigaction(caught[k], NULL, &was) || was.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        for (size_t j = 0; j < NCAUGHT; j++)
            sigaddset(&sa.sa_mask, caught[j]);
        sigaction(caught[k], &sa, NULL);
    }
}

static void oom(void)
{
    message("out of memory");
    failed = 1;
}

/* Make a temporary file (*FD open on it) or, if DIR, directory for PATH,
 * and add it to the list.  Returns the entry, or NULL after printing why. */
static struct pending *add(const char *path, int dir, int *fd)
{
    sigset_t old;
    char *tmp = malloc(strlen(path) + 16), *fin = strdup(path);
    if (!tmp || !fin || (npend == cap &&
                         !(pend = realloc(pend, (cap = cap ? 2 * cap : 8) *
                                                    sizeof *pend)))) {
        free(tmp);
        free(fin);
        oom();
        return NULL;
    }
    sprintf(tmp, "%s.tmpXXXXXX", path);
    catch_signals();
    block(&old);
    int ok = dir ? mkdtemp(tmp) != NULL : (*fd = mkstemp(tmp)) >= 0;
    if (ok) {
        struct pending *p = &pend[npend++];
        memset(p, 0, sizeof *p);
        p->tmp = tmp, p->path = fin, p->dir = dir;
    }
    unblock(&old);
    if (!ok) {
        message("%s: cannot create a temporary %s next to it: %s", path, dir ? "directory" : "file",
                strerror(errno));
        free(tmp);
        free(fin);
        failed = 1;
        return NULL;
    }
    return &pend[npend - 1];
}

/* Remove the entry whose temporary name is TMP, and the file. */
static void drop(const char *tmp)
{
    sigset_t old;
    block(&old);
    for (size_t i = 0; i < npend; i++) {
        if (pend[i].tmp != tmp)
            continue;
        if (pend[i].dir)
            rmdir(tmp);
        else
            unlink(tmp);
        free(pend[i].tmp);
        free(pend[i].path);
        memmove(&pend[i], &pend[i + 1], (npend - i - 1) * sizeof *pend);
        npend--;
        break;
    }
    unblock(&old);
}

static mode_t umasked(mode_t full)
{
    mode_t m = umask(0);
    umask(m);
    return full & ~m;
}

/* Is PATH inside a pending directory? */
static int inside_pending_dir(const char *path)
{
    for (size_t i = 0; i < npend; i++) {
        size_t n = strlen(pend[i].tmp);
        if (pend[i].dir && !strncmp(path, pend[i].tmp, n) && path[n] == '/')
            return 1;
    }
    return 0;
}

int out_open(struct outfile *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || !strcmp(path, "-")) {
        o->f = stdout;
        return EXIT_OK;
    }
    if (!*path) {
        message("an empty file name");
        failed = 1;
        return EXIT_FAIL;
    }
    /* A device or pipe (/dev/null, /dev/stdout, a FIFO) is written in
     * place: renaming a temporary file over it would replace it. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            message("%s: is a directory", path);
            failed = 1;
            return EXIT_FAIL;
        }
        if (!(o->f = fopen(path, "w")) || !(o->path = strdup(path))) {
            message("%s: %s", path, strerror(errno));
            out_abort(o);
            failed = 1;
            return EXIT_FAIL;
        }
        return EXIT_OK;
    }
    mode_t mode = lstat(path, &st) == 0 && S_ISREG(st.st_mode)
                      ? st.st_mode & 07777
                      : umasked(0666);
    int inner = inside_pending_dir(path), fd;
    struct pending *p = add(path, 0, &fd);
    if (!p)
        return EXIT_FAIL;
    p->inner = inner;
    o->tmp = p->tmp, o->path = p->path;
    if (fchmod(fd, mode) || !(o->f = fdopen(fd, "w"))) {
        message("%s: %s", path, strerror(errno));
        close(fd);
        out_abort(o);
        failed = 1;
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

void out_abort(struct outfile *o)
{
    if (o->f && o->f != stdout)
        fclose(o->f);
    if (o->tmp)
        drop(o->tmp); /* frees tmp and path */
    else
        free(o->path);
    memset(o, 0, sizeof *o);
}

/* Say that writing O failed because of E (an errno value), or WHY. */
static void write_failed(const struct outfile *o, int e, const char *why)
{
    message("%s: write failed: %s%s",
            o->path ? o->path : "standard output", why ? why : strerror(e),
            o->tmp ? " (the file was left as it was)" : "");
    failed = 1;
}

int out_commit(struct outfile *o)
{
    if (o->f == stdout) {
        if (fflush(stdout) || ferror(stdout)) {
            write_failed(o, errno, NULL);
            return EXIT_FAIL;
        }
        memset(o, 0, sizeof *o);
        return EXIT_OK;
    }
    int bad = fflush(o->f) || ferror(o->f) || (o->tmp && fsync(fileno(o->f)));
    int e = errno;
    if (fclose(o->f) && !bad)
        bad = 1, e = errno;
    o->f = NULL;
    if (bad) {
        write_failed(o, e, NULL);
        out_abort(o);
        return EXIT_FAIL;
    }
    if (!o->tmp)
        free(o->path); /* written in place: done */
    memset(o, 0, sizeof *o); /* else pending: the list owns the names */
    return EXIT_OK;
}

int out_finish(struct outfile *o, int write_rc)
{
    if (!write_rc)
        return out_commit(o);
    int e = errno;
    const char *why = NULL;
    if (o->f && ferror(o->f)) {
        clearerr(o->f); /* the cause, from writing what is left */
        if (fflush(o->f))
            e = errno;
    } else if (write_rc == PP_ERANGE) {
        why = "a number too large to be read back";
    } else if (write_rc == PP_ENOMEM) {
        why = "out of memory";
    } else if (write_rc == PP_EINPUT) {
        why = "the data is inconsistent (a bug: please report it)";
    } else {
        why = "an input/output error";
    }
    write_failed(o, e, why);
    out_abort(o);
    return EXIT_FAIL;
}

/* Does DIR hold only entries OURS accepts?  Else the reason in BAD. */
static int holds_only_ours(const char *dir, int (*ours)(const char *name),
                           char *bad, size_t badlen)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    if (!d) {
        snprintf(bad, badlen, "%s", strerror(errno));
        return 0;
    }
    int ok = 1;
    while (ok && (de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        if (!ours(de->d_name)) {
            snprintf(bad, badlen, "it holds %s, which this command does not "
                                  "write", de->d_name);
            ok = 0;
        }
    }
    closedir(d);
    return ok;
}

/* DIR without trailing slashes (a new string), or NULL if out of memory. */
static char *dir_name(const char *dir)
{
    char *d = strdup(dir);
    for (size_t n = d ? strlen(d) : 0; n > 1 && d[n - 1] == '/'; n--)
        d[n - 1] = '\0';
    return d;
}

static int dir_check(const char *dir, int (*ours)(const char *name))
{
    struct stat st;
    char why[600];
    if (!*dir) {
        message("an empty directory name");
        return EXIT_FAIL;
    }
    if (lstat(dir, &st)) {
        if (errno == ENOENT)
            return EXIT_OK;
        snprintf(why, sizeof why, "%s", strerror(errno));
    } else if (!S_ISDIR(st.st_mode)) {
        snprintf(why, sizeof why, "exists and is not a directory");
    } else if (holds_only_ours(dir, ours, why, sizeof why)) {
        return EXIT_OK;
    }
    message("%s: cannot replace it: %s; name a new or empty directory", dir, why);
    return EXIT_FAIL;
}

int out_dir_check(const char *dir, int (*ours)(const char *name))
{
    char *d = dir_name(dir);
    if (!d) {
        oom();
        return EXIT_FAIL;
    }
    int rc = dir_check(d, ours);
    free(d);
    return rc;
}

int out_dir_open(const char *dir, int (*ours)(const char *name),
                 const char **tmpdir)
{
    struct stat st;
    char *d = dir_name(dir);
    if (!d || dir_check(d, ours)) {
        if (!d)
            oom();
        free(d);
        failed = 1;
        return EXIT_FAIL;
    }
    mode_t mode = lstat(d, &st) == 0 ? st.st_mode & 07777 : umasked(0777);
    struct pending *p = add(d, 1, NULL);
    free(d);
    if (!p)
        return EXIT_FAIL;
    p->ours = ours;
    if (chmod(p->tmp, mode)) {
        message("%s: %s", p->tmp, strerror(errno));
        drop(p->tmp);
        failed = 1;
        return EXIT_FAIL;
    }
    *tmpdir = p->tmp;
    return EXIT_OK;
}

int outputs_failed(void)
{
    return failed;
}

/* Empty OLD (holding only what OURS accepts, checked again) and remove
 * it; returns 0, or -1 leaving it. */
static int remove_old_dir(const char *old, int (*ours)(const char *name))
{
    char why[600];
    if (!holds_only_ours(old, ours, why, sizeof why))
        return -1;
    DIR *d = opendir(old);
    struct dirent *de;
    size_t n = strlen(old) + 300;
    char *path = malloc(n);
    if (!d || !path) {
        if (d)
            closedir(d);
        free(path);
        return -1;
    }
    while ((de = readdir(d)))
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
            snprintf(path, n, "%s/%s", old, de->d_name);
            unlink(path);
        }
    closedir(d);
    free(path);
    return rmdir(old);
}

/* Rename the pending directory P over its final name, moving an earlier
 * one aside first and removing it after.  Returns 0 or errno. */
static int commit_dir(const struct pending *p)
{
    struct stat st;
    if (lstat(p->path, &st))
        return rename(p->tmp, p->path) ? errno : 0;
    char *old = malloc(strlen(p->path) + 16);
    if (!old)
        return ENOMEM;
    sprintf(old, "%s.oldXXXXXX", p->path);
    int e = 0;
    if (!mkdtemp(old) || rename(p->path, old)) {
        e = errno;
    } else if (rename(p->tmp, p->path)) {
        e = errno;
        rename(old, p->path);
    } else if (remove_old_dir(old, p->ours)) {
        message("note: the earlier %s is left in %s",
                p->path, old);
    }
    if (e)
        rmdir(old);
    free(old);
    return e;
}

/* Say which outputs were left as they were, after a failure. */
static void say_discarded(void)
{
    char list[1024] = "";
    size_t shown = 0, total = 0, len = 0;
    for (size_t i = 0; i < npend; i++) {
        if (pend[i].inner)
            continue;
        if (total++ < 4 && len < sizeof list) {
            len += (size_t)snprintf(list + len, sizeof list - len, "%s%s%s",
                                    shown ? ", " : "", pend[i].path,
                                    pend[i].dir ? "/" : "");
            shown++;
        }
    }
    if (!total)
        return;
    if (total > shown)
        message("since an output failed, none was replaced: %s and %zu more",
                list, total - shown);
    else
        message("since an output failed, none was replaced: %s", list);
}

int outputs_end(void)
{
    sigset_t old;
    int rc = failed ? EXIT_FAIL : EXIT_OK;
    block(&old);
    if (failed)
        say_discarded();
    for (int pass = 0; pass < 2 && !failed; pass++)
        for (size_t i = 0; i < npend; i++) {
            const struct pending *p = &pend[i];
            if (p->dir != pass)
                continue;
            int e = p->dir ? commit_dir(p)
                           : rename(p->tmp, p->path) ? errno : 0;
            if (e) {
                message("%s: cannot put it in place: %s", p->path, strerror(e));
                rc = EXIT_FAIL;
            }
        }
    for (size_t i = npend; i-- > 0;) {
        if (failed || rc) {
            if (pend[i].dir)
                rmdir(pend[i].tmp);
            else
                unlink(pend[i].tmp);
        }
        free(pend[i].tmp);
        free(pend[i].path);
    }
    free(pend);
    pend = NULL;
    npend = cap = 0;
    failed = 0;
    unblock(&old);
    return rc;
}
