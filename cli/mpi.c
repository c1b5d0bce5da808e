/* mpi.c: the processes of one mpirun (docs/cluster.md): MPI started only
 * when mpirun started us, and no-op stand-ins when built without RIFT_MPI.
 */
#include "cli.h"
#include "mpi.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* mpirun (Open MPI's, or any PMIx launcher) tells its processes so in
 * their environment; a plain rift never starts MPI. */
static bool launched(void)
{
    return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMIX_RANK");
}

#ifdef RIFT_MPI
#include <mpi.h> /* Open MPI's (-I from the Makefile), not cli/mpi.h */

static bool started;

/* Waits for r without spinning: Open MPI's blocking collectives poll a
 * core, which the processes still analysing (or running the corpus
 * passes) want on a machine they share. */
static void wait_idle(MPI_Request *r)
{
    int done = 0;
    const struct timespec ms = {0, 1000000};
    while (MPI_Test(r, &done, MPI_STATUS_IGNORE) == MPI_SUCCESS && !done)
        nanosleep(&ms, NULL);
}

bool cli_mpi_start(int *rank, int *size)
{
    *rank = 0;
    *size = 1;
    if (!launched())
        return true;
    int provided;
    /* only the main thread calls MPI; the workers never do */
    if (MPI_Init_thread(NULL, NULL, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
        cli_error("MPI could not be started");
        return false;
    }
    started = true;
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, size);
    return true;
}

void cli_mpi_end(void)
{
    if (started)
        MPI_Finalize();
    started = false;
}

bool cli_mpi_all(bool ok)
{
    if (!started)
        return ok;
    int in = ok, out = 0;
    MPI_Request r;
    MPI_Iallreduce(&in, &out, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD, &r);
    wait_idle(&r);
    return out != 0;
}

void cli_mpi_sum(long *v, int n)
{
    if (!started)
        return;
    MPI_Request r;
    MPI_Iallreduce(MPI_IN_PLACE, v, n, MPI_LONG, MPI_SUM, MPI_COMM_WORLD, &r);
    wait_idle(&r);
}

int cli_mpi_local(void)
{
    static int local;
    if (!started)
        return 1;
    if (!local) {
        MPI_Comm node;
        MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
        MPI_Comm_size(node, &local);
        MPI_Comm_free(&node);
    }
    return local;
}

const char *cli_mpi_built(void)
{
    return "MPI";
}

#else

bool cli_mpi_start(int *rank, int *size)
{
    *rank = 0;
    *size = 1;
    const char *n = getenv("OMPI_COMM_WORLD_SIZE");
    if (launched() && n && atoi(n) > 1) {
        /* each process would read every input and run every pass; said once */
        const char *r = getenv("OMPI_COMM_WORLD_RANK");
        if (!r || !strcmp(r, "0"))
            cli_error("this rift was built without MPI and cannot share its inputs between %s "
                      "processes: build it with Open MPI (libopenmpi-dev) or run one process", n);
        return false;
    }
    return true;
}

void cli_mpi_end(void)
{
}

bool cli_mpi_all(bool ok)
{
    return ok;
}

void cli_mpi_sum(long *v, int n)
{
    (void)v;
    (void)n;
}

int cli_mpi_local(void)
{
    return 1;
}

const char *cli_mpi_built(void)
{
    return NULL;
}

#endif
