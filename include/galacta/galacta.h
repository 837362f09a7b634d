/*
 * galacta/galacta.h — umbrella header of the galacta library.
 */
#ifndef GALACTA_H
#define GALACTA_H

#include "galacta/common.h"
#include "galacta/kb.h"
#include "galacta/case.h"
#include "galacta/assess.h"
#include "galacta/growth.h"
#include "galacta/growth_report.h"
#include "galacta/interview.h"

#endif
