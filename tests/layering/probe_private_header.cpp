// Must not compile: a user of the model including one of its private headers (tests/layering).
#include "model/world.hpp"
