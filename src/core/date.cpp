// Writing dates to streams.

#include "thidua/core/date.hpp"

#include <ostream>

namespace thidua {

std::ostream& operator<<(std::ostream& out, date d) { return out << d.to_string(); }

}  // namespace thidua
