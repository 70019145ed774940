/// The BallastAPI module; see shared/design/architecture.md.
public enum BallastAPIModule {}
