#ifndef ISORUN_CZEROMQ_SHIM_H
#define ISORUN_CZEROMQ_SHIM_H
#include <zmq.h>
#endif
