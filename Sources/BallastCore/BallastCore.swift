/// The BallastCore module; see shared/design/architecture.md.
public enum BallastCoreModule {}
