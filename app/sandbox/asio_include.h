#pragma once

// The one way sandbox code includes standalone asio.
//
// GCC 12 at -O2 flags asio 1.22's own scheduler code (scheduler.ipp,
// compensating_work_started) with -Wnull-dereference once it is inlined into
// our functions; the pointer is the running thread's context and is never null
// there. The warning is raised after inlining, so the pragma cannot be popped
// again and applies to the rest of each file that includes this header.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wnull-dereference"
#endif

#include <asio.hpp>
