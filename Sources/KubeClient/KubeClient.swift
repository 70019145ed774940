/// The KubeClient module; see shared/design/architecture.md.
public enum KubeClientModule {}
