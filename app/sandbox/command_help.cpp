#include "command_help.h"

namespace kafkascope::sandbox {

std::string command_help_text() {
    return "Commands (stdin and --control FIFO, one per line; each answers exactly one\n"
           "line on stdout, 'ok' or 'error: <reason>'; blank lines and '#...' are ignored):\n"
           "  broker down ID|all        refuse connections on a broker (leaders stay put)\n"
           "  broker up ID|all          accept connections again\n"
           "  rtt ID|all MS             delay each response of a broker by MS ms (0 clears)\n"
           "  errors API_KEY CODE [CODE...]\n"
           "                            the next requests of API_KEY fail with these codes,\n"
           "                            one per request; CODE is a number or a name such as\n"
           "                            NOT_COORDINATOR, or _TRANSPORT to drop the connection\n"
           "  leader TOPIC PARTITION BROKER_ID\n"
           "                            move a partition leader (-1: no leader); TOPIC must\n"
           "                            have been created by --topic or 'create'\n"
           "  create TOPIC PARTITIONS [REPLICATION]\n"
           "                            create a topic\n"
           "  apiversion API_KEY MIN MAX\n"
           "                            narrow the versions advertised for an API, within\n"
           "                            what the mock implements; -1 -1 disables the API\n"
           "  coordinator group|txn KEY BROKER_ID\n"
           "                            pin the coordinator of a group or transactional id\n"
           "  help                      print this list on stderr\n"
           "  quit                      stop the sandbox (exit status 0)\n";
}

}  // namespace kafkascope::sandbox
