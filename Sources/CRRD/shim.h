#ifndef METRICS_CRRD_SHIM_H
#define METRICS_CRRD_SHIM_H
#include <rrd.h>
#include <rrd_client.h>
#include <stdlib.h>
#endif
