/// The ControllerRuntime module; see shared/design/architecture.md.
public enum ControllerRuntimeModule {}
