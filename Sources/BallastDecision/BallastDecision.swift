/// The BallastDecision module; see shared/design/architecture.md.
public enum BallastDecisionModule {}
