// Writing decimals to streams.

#include "thidua/core/decimal.hpp"

#include <ostream>

namespace thidua {

std::ostream& operator<<(std::ostream& out, decimal d) { return out << d.to_string(); }

}  // namespace thidua
