import KubeTypes
import Testing
@testable import ControllerRuntime

@Suite("Store: indexed, transformed cache")
struct StoreTests {
    @Test func upsertReportsAddsUpdatesAndIgnoresSameVersion() throws {
        let store = Store<Widget>()
        guard case .added = try #require(store.upsert(Widget("a"))) else { Issue.record("not added"); return }
        #expect(store.upsert(Widget("a")) == nil)
        guard case .updated(let old, let new) = try #require(store.upsert(Widget("a", version: "2", size: 3))) else {
            Issue.record("not updated"); return
        }
        #expect(old.size == 0)
        #expect(new.size == 3)
        #expect(store.get(ObjectKey(namespace: "ns", name: "a"))?.size == 3)
        guard case .deleted = try #require(store.delete(Widget("a"))) else { Issue.record("not deleted"); return }
        #expect(store.delete(Widget("a")) == nil)
        #expect(store.count == 0)
    }

    @Test func indexesFollowChanges() {
        let store = Store<Widget>(indexes: [.controllerOwner, StoreIndex("size") { ["\($0.size)"] }])
        _ = store.upsert(Widget("a", namespace: "x", labels: ["app": "web"], owner: "p"))
        _ = store.upsert(Widget("b", namespace: "y", labels: ["app": "web", "tier": "front"]))
        _ = store.upsert(Widget("c", namespace: "y", labels: ["app": "db"], size: 7))
        #expect(store.list(namespace: "y").compactMap(\.metadata.name).sorted() == ["b", "c"])
        #expect(store.byIndex("label", "app=web").count == 2)
        #expect(store.byIndex("controllerOwner", "x/p").compactMap(\.metadata.name) == ["a"])
        #expect(store.byIndex("size", "7").compactMap(\.metadata.name) == ["c"])
        _ = store.upsert(Widget("c", namespace: "y", version: "2", labels: ["app": "web"]))
        #expect(store.byIndex("label", "app=db").isEmpty)
        #expect(store.byIndex("size", "7").isEmpty)
        #expect(store.list(matching: LabelSelector(matchLabels: ["app": "web"]), namespace: "y").count == 2)
        #expect(store.list(matching: LabelSelector(matchLabels: ["app": "web", "tier": "front"])).compactMap(\.metadata.name) == ["b"])
        #expect(store.byIndex("nope", "x").isEmpty)
    }

    @Test func replaceEmitsTheDifferenceIncludingDeletions() async {
        let store = Store<Widget>()
        #expect(!store.hasSynced)
        _ = store.upsert(Widget("keep"))
        _ = store.upsert(Widget("change"))
        _ = store.upsert(Widget("gone", labels: ["x": "y"]))
        let changes = store.replace(with: [Widget("keep"), Widget("change", version: "2"), Widget("new")])
        let summary = changes.map { change -> String in
            switch change {
            case .added(let o): return "+\(o.metadata.name ?? "")"
            case .updated(_, let o): return "~\(o.metadata.name ?? "")"
            case .deleted(let o): return "-\(o.metadata.name ?? "")"
            }
        }.sorted()
        #expect(summary == ["+new", "-gone", "~change"])
        #expect(store.byIndex("label", "x=y").isEmpty)
        #expect(store.hasSynced)
        await store.waitUntilSynced()
    }

    @Test func waitersAreReleasedByTheFirstList() async {
        let store = Store<Widget>()
        async let waited: Void = store.waitUntilSynced()
        try? await Task.sleep(for: .milliseconds(10))
        _ = store.replace(with: [])
        await waited
        #expect(store.hasSynced)
    }

    @Test func theTransformRunsBeforeStoring() {
        let store = Store<Widget>(transform: .stripManagedFields.then(ObjectTransform { var w = $0; w.size += 1; return w }))
        _ = store.upsert(Widget("a", managedFields: ["big": "blob"]))
        _ = store.replace(with: [Widget("b", managedFields: ["big": "blob"])])
        #expect(store.list().allSatisfy { $0.metadata.managedFields == nil && $0.size == 1 })
    }
}
