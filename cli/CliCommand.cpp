#include "CliCommand.h"

namespace recheck::cli {

std::vector<CommandFactory>& commandRegistry() {
    static std::vector<CommandFactory> registry;
    return registry;
}

} // namespace recheck::cli
