#include <cstdio>
int main() { std::puts("prep360"); return 0; }
