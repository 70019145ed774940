/// The built-in rule set, for the alerts of kubernetes-mixin / kube-prometheus (alert names as
/// those projects ship them) and the common community OOM alerts.
///
/// Confidences are deliberately honest: only causes that alert and target identify well (a
/// container killed at its memory limit, a rollout that stopped progressing, a volume filling up)
/// get a mutating action at ≥ 0.7; symptoms with many causes get `collect_diagnostics`, and
/// capacity or hardware decisions get `escalate`. With the default `minConfidence` of 0.8 only
/// the OOM rule can act without approval.
public enum DefaultRules {
    /// The rules as YAML, in the format ``RulesEngine/load(yaml:)`` reads.
    public static let yaml = #"""
    rules:
    - name: oom-killed-raise-memory
      match:
        alertNames: [KubePodOOMKilled, KubeContainerOOMKilled, KubernetesContainerOomKiller, ContainerOOMKilled]
        targetKinds: [Deployment, StatefulSet, DaemonSet]
      action: increase_resources
      parameters: {container: "{{labels.container}}", resource: memory, factor: 1.5}
      confidence: 0.85
      reasoning: >-
        The container was killed at its memory limit; raising the limit by half is the usual fix.
        Repeats are caught by the ineffective-loop detector and the policy's maxMemory limit.
    - name: cpu-throttling-raise-cpu
      match:
        alertNames: [CPUThrottlingHigh]
        targetKinds: [Deployment, StatefulSet, DaemonSet]
      action: increase_resources
      parameters: {container: "{{labels.container}}", resource: cpu, factor: 1.5}
      confidence: 0.6
      reasoning: >-
        The container spends much of its time throttled at its CPU limit; more CPU usually helps,
        but throttling is also a symptom of busy loops, so a person should confirm.
    - name: rollout-stuck-rollback
      match:
        alertNames: [KubeDeploymentRolloutStuck]
        targetKinds: [Deployment]
      action: rollback_deployment
      confidence: 0.75
      reasoning: >-
        The newest rollout stopped progressing; returning to the previous revision restores the
        last version that was running.
    - name: crashloop-after-rollout-rollback
      match:
        alertNames: [KubePodCrashLooping]
        targetKinds: [Deployment]
      action: rollback_deployment
      confidence: 0.5
      reasoning: >-
        Crash loops on a Deployment are often caused by a bad new version, but the rules cannot
        see whether a rollout preceded them; rolling back needs a person's approval.
    - name: crashloop-pod-recreate
      match:
        alertNames: [KubePodCrashLooping]
        targetKinds: [Pod]
      action: delete_pod
      confidence: 0.4
      reasoning: >-
        A fresh pod may clear a transient crash (a stale volume mount, a poisoned local cache);
        persistent crashes need a person.
    - name: crashloop-diagnose
      match:
        alertNames: [KubePodCrashLooping]
      action: collect_diagnostics
      parameters: {logLines: 200}
      confidence: 0.7
      reasoning: The crash reason is in the container's last logs and termination state.
    - name: not-ready-diagnose
      match:
        alertNames: [KubePodNotReady, KubeContainerWaiting, KubeDeploymentReplicasMismatch,
          KubeStatefulSetReplicasMismatch, KubeDaemonSetRolloutStuck, KubeStatefulSetUpdateNotRolledOut,
          KubeHpaReplicasMismatch]
      action: collect_diagnostics
      parameters: {logLines: 100}
      confidence: 0.6
      reasoning: >-
        Pods not becoming ready has many causes (scheduling, image pulls, probes, quotas); Ballast
        gathers events and container states rather than guessing.
    - name: hpa-maxed-out-escalate
      match:
        alertNames: [KubeHpaMaxedOut]
      action: escalate
      parameters: {reason: "The HPA runs at maxReplicas; raising the ceiling is a capacity decision."}
      confidence: 0.7
      reasoning: Raising an autoscaler's ceiling spends capacity and money; a person decides.
    - name: volume-filling-expand
      match:
        alertNames: [KubePersistentVolumeFillingUp]
        targetKinds: [PersistentVolumeClaim]
      action: expand_pvc
      parameters: {factor: 1.5}
      confidence: 0.7
      reasoning: >-
        The volume is predicted to fill up; growing the claim by half buys time when the
        StorageClass allows expansion (expansion cannot be undone, so policy must allow it).
    - name: node-not-ready-escalate
      match:
        alertNames: [KubeNodeNotReady, KubeNodeUnreachable, KubeNodeReadinessFlapping]
      action: escalate
      parameters: {reason: "A node is not ready; the node lifecycle controller already taints it."}
      confidence: 0.7
      reasoning: >-
        Node failures are kubelet, network or hardware problems; the node controller already keeps
        new pods off it, and draining is a person's call.
    - name: quota-escalate
      match:
        alertNames: [KubeQuotaExceeded, KubeQuotaFullyUsed, KubeCPUOvercommit, KubeMemoryOvercommit]
      action: escalate
      parameters: {reason: "Quota or cluster capacity is exhausted."}
      confidence: 0.8
      reasoning: Quotas and capacity are budget decisions no automatic action should take.
    - name: job-failed-notify
      match:
        alertNames: [KubeJobFailed, KubeJobNotCompleted]
      action: notify_only
      parameters: {message: "A Job failed or did not complete; re-running it may not be idempotent."}
      confidence: 0.8
      reasoning: Re-running a Job is not safe in general; people are told.
    """#
}
