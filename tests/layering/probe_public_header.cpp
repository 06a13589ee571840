// Must compile: a public header of the model through the roots its users get (tests/layering).
#include "model/params.hpp"

int main() { return homecare::model::Params{}.run.replicates > 0 ? 0 : 1; }
