#include <iostream>
#include <scoreboard.hpp>

int main(int argc, char** argv) {
    if (argc != 3) return 2;  // usage: leaders campaign.json results.json
    for (const auto& line : scoreboard::leaders(argv[1], argv[2])) std::cout << line << '\n';
}
