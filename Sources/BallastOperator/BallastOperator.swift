/// The BallastOperator module; see shared/design/architecture.md.
public enum BallastOperatorModule {}
