/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_outfile.c - the output files (planner/outfile.c): all or nothing,
 * modes, symbolic links, directories, causes of failures, signals.
 *
 * Each test works in a fresh directory and checks after each step which
 * files exist and what they hold: an existing file keeps its old contents
 * until outputs_end() renames the new one over it, a failure anywhere
 * replaces nothing, and nothing else is left behind.
 */
#include <criterion/criterion.h>
#include <criterion/redirect.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

static char dir[64];
static char target[128], other[128];

static void stderr_is(const char *want)
{
    fflush(stderr);
    cr_assert_stderr_eq_str(want);
}

static void fresh_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/pp-test-outfile.XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(target, sizeof target, "%s/out.txt", dir);
    snprintf(other, sizeof other, "%s/other.txt", dir);
}

static void put_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

/* Contents of PATH (at most 255 bytes), "" if absent. */
static const char *contents(const char *path)
{
    static char buf[256];
    FILE *f = fopen(path, "r");
    size_t n = 0;
    if (f) {
        n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
    }
    buf[n] = '\0';
    return buf;
}

/* Entries in D, "." and ".." aside. */
static int entries(const char *d)
{
    DIR *dd = opendir(d);
    struct dirent *e;
    int n = 0;
    cr_assert_not_null(dd, "%s", d);
    while ((e = readdir(dd)))
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(dd);
    return n;
}

static int nfiles(void)
{
    return entries(dir);
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    cr_assert_eq(lstat(path, &st), 0, "%s", path);
    return st.st_mode & 07777;
}

/* Remove everything the tests put into dir (no subdirectories but one
 * level of "zd"), then dir itself. */
static void remove_dir(void)
{
    char p[512];
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (unlink(p)) {
            DIR *s = opendir(p);
            struct dirent *f;
            char q[1024];
            while (s && (f = readdir(s)))
                if (strcmp(f->d_name, ".") && strcmp(f->d_name, "..")) {
                    snprintf(q, sizeof q, "%s/%s", p, f->d_name);
                    unlink(q);
                }
            if (s)
                closedir(s);
            rmdir(p);
        }
    }
    if (d)
        closedir(d);
    cr_assert_eq(rmdir(dir), 0, "something left in %s", dir);
}

static int write_text(struct outfile *o, const char *path, const char *text)
{
    int rc = out_open(o, path);
    if (!rc) {
        fputs(text, o->f);
        rc = out_commit(o);
    }
    return rc;
}

Test(outfile, replaced_at_the_end)
{
    struct outfile o;
    fresh_dir();
    put_file(target, "old\n");
    cr_assert_eq(out_open(&o, target), EXIT_OK);
    fputs("new\n", o.f);
    /* written to a temporary file next to it; the old one untouched */
    cr_assert_eq(nfiles(), 2);
    cr_assert_str_eq(contents(target), "old\n");
    cr_assert_eq(out_commit(&o), EXIT_OK);
    cr_assert_null(o.f);
    /* committed but pending until the command ends */
    cr_assert_str_eq(contents(target), "old\n");
    cr_assert_eq(nfiles(), 2);
    cr_assert_eq(outputs_end(), EXIT_OK);
    cr_assert_str_eq(contents(target), "new\n");
    cr_assert_eq(nfiles(), 1);
    remove_dir();
}

Test(outfile, abort_keeps_old)
{
    struct outfile o;
    fresh_dir();
    put_file(target, "old\n");
    cr_assert_eq(out_open(&o, target), EXIT_OK);
    fputs("half", o.f);
    out_abort(&o);
    cr_assert_str_eq(contents(target), "old\n");
    cr_assert_eq(nfiles(), 1);
    cr_assert_eq(outputs_end(), EXIT_OK);
    cr_assert_str_eq(contents(target), "old\n");
    remove_dir();
}

Test(outfile, all_or_nothing, .init = cr_redirect_stderr)
{
    struct outfile o;
    char bad[160], want[768];
    fresh_dir();
    snprintf(bad, sizeof bad, "%s/nodir/x", dir);
    put_file(target, "old\n");
    /* two files written, the third cannot be: none replaced */
    cr_assert_eq(write_text(&o, target, "new\n"), EXIT_OK);
    cr_assert_eq(write_text(&o, other, "other\n"), EXIT_OK);
    cr_assert_eq(out_open(&o, bad), EXIT_FAIL);
    cr_assert(outputs_failed());
    cr_assert_eq(outputs_end(), EXIT_FAIL);
    cr_assert_str_eq(contents(target), "old\n");
    cr_assert_eq(nfiles(), 1);
    /* the next command starts afresh */
    cr_assert_not(outputs_failed());
    cr_assert_eq(write_text(&o, other, "other\n"), EXIT_OK);
    cr_assert_eq(outputs_end(), EXIT_OK);
    cr_assert_str_eq(contents(other), "other\n");
    snprintf(want, sizeof want,
             "perseus-plan: %s: cannot create a temporary file next to it: "
             "No such file or directory\n"
             "perseus-plan: since an output failed, none was replaced: %s, "
             "%s\n", bad, target, other);
    stderr_is(want);
    remove_dir();
}

Test(outfile, finish_says_why, .init = cr_redirect_stderr)
{
    struct outfile o;
    char want[512];
    fresh_dir();
    cr_assert_eq(out_open(&o, target), EXIT_OK);
    fputs("half", o.f);
    /* the writer refused a number: nothing is created */
    cr_assert_eq(out_finish(&o, PP_ERANGE), EXIT_FAIL);
    cr_assert_eq(nfiles(), 0);
    cr_assert_eq(outputs_end(), EXIT_FAIL);
    /* a writer that succeeded: committed */
    cr_assert_eq(out_open(&o, target), EXIT_OK);
    fputs("all\n", o.f);
    cr_assert_eq(out_finish(&o, 0), EXIT_OK);
    cr_assert_eq(outputs_end(), EXIT_OK);
    cr_assert_str_eq(contents(target), "all\n");
    /* a device that fails while the writer writes: the cause is named */
    cr_assert_eq(out_open(&o, "/dev/full"), EXIT_OK);
    setvbuf(o.f, NULL, _IONBF, 0);
    fputs("x\n", o.f);
    cr_assert_eq(out_finish(&o, PP_EIO), EXIT_FAIL);
    cr_assert_eq(outputs_end(), EXIT_FAIL);
    snprintf(want, sizeof want,
             "perseus-plan: %s: write failed: a number too large to be read "
             "back (the file was left as it was)\n"
             "perseus-plan: /dev/full: write failed: No space left on "
             "device\n", target);
    stderr_is(want);
    remove_dir();
}

Test(outfile, errors, .init = cr_redirect_stderr)
{
    struct outfile o;
    char want[512];
    fresh_dir();
    cr_assert_eq(out_open(&o, dir), EXIT_FAIL);
    cr_assert_null(o.f);
    cr_assert_eq(out_open(&o, ""), EXIT_FAIL);
    /* a device is written in place; /dev/full fails at the flush */
    cr_assert_eq(out_open(&o, "/dev/full"), EXIT_OK);
    fputs("x\n", o.f);
    cr_assert_eq(out_commit(&o), EXIT_FAIL);
    cr_assert_eq(outputs_end(), EXIT_FAIL);
    snprintf(want, sizeof want,
             "perseus-plan: %s: is a directory\n"
             "perseus-plan: an empty file name\n"
             "perseus-plan: /dev/full: write failed: No space left on "
             "device\n", dir);
    stderr_is(want);
    remove_dir();
}

Test(outfile, modes)
{
    struct outfile o;
    fresh_dir();
    /* an existing file keeps its mode, whatever the umask */
    put_file(target, "old\n");
    chmod(target, 0600);
    mode_t was = umask(022);
    cr_assert_eq(write_text(&o, target, "new\n"), EXIT_OK);
    cr_assert_eq(outputs_end(), EXIT_OK);
    cr_assert_eq(mode_of(target), 0600);
    chmod(target, 0664);
    cr_assert_eq(write_text(&o, target, "new\n"), EXIT_OK);
    cr_assert_eq(outputs_end(), EXIT_OK);
    cr_assert_eq(mode_of(target), 0664);
    /* a new one: 0666 less the umask */
    umask(077);
    cr_assert_eq(write_text(&o, other, "x\n"), EXIT_OK);
    cr_assert_eq(outputs_end(), EXIT_OK);
    cr_assert_eq(mode_of(other), 0600);
    unlink(other);
    umask(022);
    cr_assert_eq(write_text(&o, other, "x\n"), EXIT_OK);
    cr_assert_eq(outputs_end(), EXIT_OK);
    cr_assert_eq(mode_of(other), 0644);
    umask(was);
    remove_dir();
}

Test(outfile, symlink_replaced)
{
    struct outfile o;
    char link[160];
    fresh_dir();
    snprintf(link, sizeof link, "%s/link", dir);
    put_file(target, "pointed to\n");
    cr_assert_eq(symlink("out.txt", link), 0);
    cr_assert_eq(write_text(&o, link, "new\n"), EXIT_OK);
    cr_assert_eq(outputs_end(), EXIT_OK);
    /* the link is now a plain file; what it pointed to is as it was */
    struct stat st;
    cr_assert_eq(lstat(link, &st), 0);
    cr_assert(S_ISREG(st.st_mode));
    cr_assert_str_eq(contents(link), "new\n");
    cr_assert_str_eq(contents(target), "pointed to\n");
    remove_dir();
}

static int ours(const char *name)
{
    return !strncmp(name, "p", 1);
}

/* Write files p0 .. p(N-1) holding TAG into a directory replacing D. */
static int write_dir(const char *d, int n, const char *tag)
{
    const char *tmp;
    char p[256];
    struct outfile o;
    if (out_dir_open(d, ours, &tmp))
        return EXIT_FAIL;
    for (int k = 0; k < n; k++) {
        snprintf(p, sizeof p, "%s/p%d", tmp, k);
        if (write_text(&o, p, tag))
            return EXIT_FAIL;
    }
    return EXIT_OK;
}

Test(outfile, directory_whole, .init = cr_redirect_stderr)
{
    char zd[128], zds[130], p[200], want[1024];
    fresh_dir();
    snprintf(zd, sizeof zd, "%s/zd", dir);
    snprintf(zds, sizeof zds, "%s/", zd);
    umask(022);
    /* new: appears at the end, with its files */
    cr_assert_eq(write_dir(zd, 3, "one\n"), EXIT_OK);
    cr_assert_eq(nfiles(), 1); /* the temporary directory only */
    cr_assert_eq(outputs_end(), EXIT_OK);
    cr_assert_eq(entries(zd), 3);
    cr_assert_eq(mode_of(zd), 0755);
    /* replaced as a whole (a trailing slash is the same directory): a
     * shorter run leaves no stale file */
    chmod(zd, 0750);
    cr_assert_eq(write_dir(zds, 2, "two\n"), EXIT_OK);
    cr_assert_eq(outputs_end(), EXIT_OK);
    cr_assert_eq(entries(zd), 2);
    cr_assert_eq(mode_of(zd), 0750);
    snprintf(p, sizeof p, "%s/p1", zd);
    cr_assert_str_eq(contents(p), "two\n");
    cr_assert_eq(nfiles(), 1);
    /* a file this command does not write: refused, nothing touched */
    snprintf(p, sizeof p, "%s/mine", zd);
    put_file(p, "keep\n");
    cr_assert_eq(out_dir_check(zd, ours), EXIT_FAIL);
    cr_assert_eq(write_dir(zd, 2, "three\n"), EXIT_FAIL);
    cr_assert_eq(outputs_end(), EXIT_FAIL);
    cr_assert_eq(entries(zd), 3);
    cr_assert_eq(nfiles(), 1);
    /* a failure elsewhere: the directory is not put in place */
    unlink(p);
    cr_assert_eq(write_dir(zd, 4, "four\n"), EXIT_OK);
    cr_assert_eq(out_open(&(struct outfile){0}, dir), EXIT_FAIL);
    cr_assert_eq(outputs_end(), EXIT_FAIL);
    cr_assert_eq(entries(zd), 2);
    cr_assert_eq(nfiles(), 1);
    snprintf(want, sizeof want,
             "perseus-plan: %s: cannot replace it: it holds mine, which this "
             "command does not write; name a new or empty directory\n"
             "perseus-plan: %s: cannot replace it: it holds mine, which this "
             "command does not write; name a new or empty directory\n"
             "perseus-plan: %s: is a directory\n"
             "perseus-plan: since an output failed, none was replaced: %s/\n",
             zd, zd, dir, zd);
    stderr_is(want);
    remove_dir();
}

/* A child that writes and is then killed by SIG leaves nothing behind. */
static void killed_while_writing(int sig)
{
    int ready[2];
    fresh_dir();
    cr_assert_eq(pipe(ready), 0);
    pid_t pid = fork();
    cr_assert_neq(pid, -1);
    if (!pid) {
        struct outfile o;
        char zd[128], p[256];
        const char *tmp;
        snprintf(zd, sizeof zd, "%s/zd", dir);
        if (out_open(&o, target) || out_dir_open(zd, ours, &tmp))
            _exit(1);
        snprintf(p, sizeof p, "%s/p0", tmp);
        if (write_text(&(struct outfile){0}, p, "x\n"))
            _exit(1);
        fputs("half", o.f);
        if (write(ready[1], "r", 1) != 1)
            _exit(1);
        for (;;)
            pause();
    }
    char c;
    cr_assert_eq(read(ready[0], &c, 1), 1);
    cr_assert_eq(nfiles(), 2); /* out.txt.tmpXXXXXX and zd.tmpXXXXXX */
    kill(pid, sig);
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == sig);
    cr_assert_eq(nfiles(), 0);
    close(ready[0]);
    close(ready[1]);
    remove_dir();
}

Test(outfile, signals_remove_temporaries)
{
    killed_while_writing(SIGTERM);
    killed_while_writing(SIGINT);
    killed_while_writing(SIGHUP);
}

Test(outfile, standard_output)
{
    struct outfile o;
    cr_assert_eq(out_open(&o, NULL), EXIT_OK);
    cr_assert_eq(o.f, stdout);
    cr_assert_eq(out_commit(&o), EXIT_OK);
    cr_assert_eq(out_open(&o, "-"), EXIT_OK);
    cr_assert_eq(o.f, stdout);
    cr_assert_eq(out_commit(&o), EXIT_OK);
    cr_assert_eq(outputs_end(), EXIT_OK);
}
