record FleetResult(int databases, int parallel, double wallMs, int exit, String detail) {
}
