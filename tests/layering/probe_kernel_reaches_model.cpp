// Must not compile: the kernel's include roots do not reach the model (tests/layering).
#include "model/params.hpp"
