import Foundation
import Logging
import Metrics

/// Everything a ``DecisionEngine`` is built from. Defaults follow the design: 4k-token
/// prompts, 15 min cache TTL, breaker 3 failures / 30 s, 30 calls per minute.
public struct DecisionEngineConfiguration: Sendable {
    /// Providers in failover order; empty means rules only (the built-in default).
    public var providers: [any LLMProvider]
    /// The catalog the answers are validated against.
    public var catalog: any DecisionCatalog
    /// The rules engine used as fallback and default.
    public var rules: any RulesDecider
    /// Read-only tools offered to providers that support them.
    public var tools: [ContextTool]
    /// Also offer the tools derived from each decision's context (``ContextTool/derived(from:)``).
    public var derivedTools: Bool
    /// Bounds on tool use.
    public var toolLimits: ToolLimits
    /// Prompt building and its token budget.
    public var promptBuilder: PromptBuilder
    /// Per-provider breaker thresholds.
    public var breaker: ProviderCircuitBreaker.Configuration
    /// Call and token limits.
    public var budget: CallBudget.Limits
    /// Cache capacity (entries).
    public var cacheCapacity: Int
    /// Cache time-to-live (0 disables caching).
    public var cacheTTL: Duration
    /// The clock used for breakers, budgets and the cache (injectable for tests).
    public var now: @Sendable () -> Date
    /// Where metrics go (injected; never the global bootstrap).
    public var metrics: any MetricsFactory
    /// Where logs go. Prompts are never logged.
    public var logger: Logger

    /// Creates a configuration.
    public init(
        providers: [any LLMProvider], catalog: any DecisionCatalog, rules: any RulesDecider, tools: [ContextTool] = [],
        derivedTools: Bool = false,
        toolLimits: ToolLimits = ToolLimits(), promptBuilder: PromptBuilder = PromptBuilder(),
        breaker: ProviderCircuitBreaker.Configuration = ProviderCircuitBreaker.Configuration(), budget: CallBudget.Limits = CallBudget.Limits(),
        cacheCapacity: Int = 1024, cacheTTL: Duration = .seconds(15 * 60), now: @escaping @Sendable () -> Date = { Date() },
        metrics: any MetricsFactory = NOOPMetricsHandler.instance, logger: Logger = Logger(label: "ballast.decision")
    ) {
        self.providers = providers
        self.catalog = catalog
        self.rules = rules
        self.tools = tools
        self.derivedTools = derivedTools
        self.toolLimits = toolLimits
        self.promptBuilder = promptBuilder
        self.breaker = breaker
        self.budget = budget
        self.cacheCapacity = cacheCapacity
        self.cacheTTL = cacheTTL
        self.now = now
        self.metrics = metrics
        self.logger = logger
    }
}
