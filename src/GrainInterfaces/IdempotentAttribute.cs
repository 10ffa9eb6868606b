namespace Swarmgrid.GrainInterfaces;

/// <summary>
/// A grain method that may run twice with the same effect as once (an upsert, a read, an announce). A call to it that
/// fails because its silo is gone is sent again, within a bounded time, instead of failing the caller.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IdempotentAttribute : Attribute;
