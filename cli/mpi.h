/* mpi.h: rift analyze over several processes started by mpirun (Open MPI):
 * this process's rank, the number of processes, and the few collectives
 * analyze needs.  Without MPI (or not under mpirun): one process, rank 0.
 */
#ifndef RIFT_CLI_MPI_H
#define RIFT_CLI_MPI_H

#include <stdbool.h>

/* Starts MPI when this process was started by mpirun (its environment
 * says so) and sets *rank and *size; else 0 and 1, and MPI is never
 * touched.  False (said) when MPI is wanted but cannot be had: under
 * mpirun with more than one process, a rift built without MPI. */
bool cli_mpi_start(int *rank, int *size);
/* Ends MPI if cli_mpi_start started it. */
void cli_mpi_end(void);
/* True when ok is true on every process (a collective: every process
 * calls it at the same point). */
bool cli_mpi_all(bool ok);
/* Replaces v[0..n) on every process by its sum over the processes (a
 * collective; it returns once every process has called it). */
void cli_mpi_sum(long *v, int n);
/* How many processes of this mpirun run on this machine (1 without MPI):
 * they share its cores. */
int cli_mpi_local(void);
/* "MPI" when rift was built with MPI, else NULL (for rift version). */
const char *cli_mpi_built(void);

#endif
