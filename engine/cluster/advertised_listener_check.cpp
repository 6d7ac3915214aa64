#include "cluster/advertised_listener_check.h"

namespace kafkascope::cluster {

std::optional<std::string> explain_unreachable_advertised(std::int32_t node_id, const std::string& advertised,
                                                          const std::string& reachable, const Error& error) {
    if (advertised == reachable || reachable.empty()) return std::nullopt;
    const bool unreachable = error.code == client_errc::unknown_host ||
                             error.code == client_errc::connection_refused ||
                             error.code == client_errc::connect_timeout;
    if (!unreachable) return std::nullopt;
    return "broker " + std::to_string(node_id) + " advertises " + advertised +
           ", which cannot be reached from here, although " + reachable +
           " (an address no broker advertises) answered: clients always reconnect to the address a broker advertises, so its "
           "advertised.listeners must name a host and port reachable from this machine (a Docker "
           "container name or an internal IP is the usual mistake)";
}

}  // namespace kafkascope::cluster
