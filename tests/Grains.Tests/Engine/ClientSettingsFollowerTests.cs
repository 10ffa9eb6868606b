using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Realtime;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.Realtime;
using Swarmgrid.Silo.Engine;

namespace Swarmgrid.Grains.Tests.Engine;

/// <summary>
/// The silo's client-settings follower on a fake clock: the engine's rates move exactly at the schedule's window edges
/// (a timer, no polling), and follow settings events; the settings come from a stand-in for the grains.
/// </summary>
public sealed class ClientSettingsFollowerTests : IAsyncLifetime
{
    private const int Sunday = 1, Monday = 2, Friday = 1 << 5, Saturday = 1 << 6;
    private static readonly EngineSettingValues Global = new(DownKib: 1000, UpKib: 500, AltDownKib: 100, AltUpKib: 50, AltActive: false,
        MaxPeersPerTorrent: 0, ListenPort: 0, DefaultSavePath: "");

    // Friday 27 November 2026, 08:00 local.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));
    private readonly FakeFeed feed = new();
    private EngineSettingValues settings = Global;
    private List<ScheduleRule> rules = [];
    private ClientEngine engine = null!;
    private ClientSettingsFollower follower = null!;

    public async Task InitializeAsync()
    {
        engine = new ClientEngine(new EngineSettings(), clock);
        follower = new ClientSettingsFollower(clock, feed, _ => Task.FromResult<(EngineSettingValues, IReadOnlyList<ScheduleRule>)>((settings, rules.ToList())),
            NullLogger.Instance);
        follower.Start();
        await follower.Ready.WaitAsync(TimeSpan.FromSeconds(10));
        follower.Attach(engine);
    }

    public async Task DisposeAsync()
    {
        await follower.DisposeAsync();
        await engine.DisposeAsync();
    }

    private (long Down, long Up) Rates => (engine.DownloadLimit.BytesPerSecond, engine.UploadLimit.BytesPerSecond);

    private static ScheduleRule Rule(int id, int days, int start, int end, long down = 10, long up = 5, bool altOnly = false, bool enabled = true) =>
        new(id, days, start, end, down, up, altOnly, enabled);

    private Task ChangeRulesAsync(params ScheduleRule[] changed)
    {
        rules = [.. changed];
        return feed.PublishAsync(IClientScheduleGrain.ChangedEvent, null);
    }

    private Task ChangeSettingsAsync(EngineSettingValues changed, string key)
    {
        settings = changed;
        return feed.PublishAsync(ISettingsGrain.ChangedEvent, key);
    }

    /// <summary>Moves the clock to <paramref name="hour"/>:<paramref name="minute"/> on the day <paramref name="days"/> after the start.</summary>
    private void AdvanceTo(int days, int hour, int minute, TimeSpan? less = null) =>
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 27 + days, hour, minute, 0, TimeSpan.Zero) - (less ?? TimeSpan.Zero));

    [Fact]
    public void Global_limits_are_applied_in_bytes_per_second_and_zero_peers_means_the_engine_default()
    {
        Assert.Equal((1000 * 1024, 500 * 1024), Rates);
        Assert.Equal(new EngineSettings().MaxConnectionsPerTorrent, engine.Settings.MaxConnectionsPerTorrent);
        Assert.Equal("global", follower.Effective!.Source);
    }

    [Fact]
    public async Task Alt_speed_and_peer_limit_follow_settings_events_and_other_keys_are_ignored()
    {
        await ChangeSettingsAsync(Global with { AltActive = true, MaxPeersPerTorrent = 25 }, ClientSettingKeys.AltSpeedActive);
        Assert.Equal((100 * 1024, 50 * 1024), Rates);
        Assert.Equal(25, engine.Settings.MaxConnectionsPerTorrent);

        await ChangeSettingsAsync(Global with { DownKib = 7 }, "log_level");
        Assert.Equal((100 * 1024, 50 * 1024), Rates);

        await ChangeSettingsAsync(Global with { DownKib = 0, UpKib = 0 }, ClientSettingKeys.AltSpeedActive);
        Assert.Equal((0, 0), Rates);
        Assert.Equal(new EngineSettings().MaxConnectionsPerTorrent, engine.Settings.MaxConnectionsPerTorrent);
    }

    [Fact]
    public async Task A_window_applies_from_its_start_minute_up_to_but_not_including_its_end_minute()
    {
        await ChangeRulesAsync(Rule(1, Friday, 9 * 60, 17 * 60, down: 300, up: 30));

        AdvanceTo(0, 9, 0, less: TimeSpan.FromTicks(1));
        Assert.Equal((1000 * 1024, 500 * 1024), Rates);
        AdvanceTo(0, 9, 0);
        Assert.Equal((300 * 1024, 30 * 1024), Rates);
        Assert.Equal("schedule 1", follower.Effective!.Source);
        AdvanceTo(0, 17, 0, less: TimeSpan.FromTicks(1));
        Assert.Equal((300 * 1024, 30 * 1024), Rates);
        AdvanceTo(0, 17, 0);
        Assert.Equal((1000 * 1024, 500 * 1024), Rates);
        // Saturday is not in the mask.
        AdvanceTo(1, 9, 30);
        Assert.Equal((1000 * 1024, 500 * 1024), Rates);
    }

    [Fact]
    public async Task A_window_that_wraps_midnight_runs_into_the_next_day_and_belongs_to_its_start_day()
    {
        await ChangeRulesAsync(Rule(4, Friday | Sunday, 22 * 60, 6 * 60, down: 2000, up: 0));

        AdvanceTo(0, 21, 59);
        Assert.Equal((1000 * 1024, 500 * 1024), Rates);
        AdvanceTo(0, 22, 0);
        Assert.Equal((2000 * 1024, 0), Rates);
        AdvanceTo(1, 0, 0);
        Assert.Equal((2000 * 1024, 0), Rates);
        AdvanceTo(1, 6, 0, less: TimeSpan.FromTicks(1));
        Assert.Equal((2000 * 1024, 0), Rates);
        AdvanceTo(1, 6, 0);
        Assert.Equal((1000 * 1024, 500 * 1024), Rates);
        // Saturday night is not Friday's or Sunday's: nothing until Sunday 22:00, then into Monday morning.
        AdvanceTo(1, 23, 0);
        Assert.Equal((1000 * 1024, 500 * 1024), Rates);
        AdvanceTo(2, 3, 0);
        Assert.Equal((1000 * 1024, 500 * 1024), Rates);
        AdvanceTo(2, 22, 0);
        Assert.Equal((2000 * 1024, 0), Rates);
        AdvanceTo(3, 5, 59);
        Assert.Equal((2000 * 1024, 0), Rates);
        AdvanceTo(3, 6, 0);
        Assert.Equal((1000 * 1024, 500 * 1024), Rates);
    }

    [Fact]
    public async Task The_timer_moves_the_engine_at_each_edge_without_reading_the_settings_again()
    {
        var reads = 0;
        await using var counting = new ClientSettingsFollower(clock, feed, _ =>
        {
            reads++;
            return Task.FromResult<(EngineSettingValues, IReadOnlyList<ScheduleRule>)>((settings, [Rule(2, Friday, 8 * 60 + 30, 8 * 60 + 45, down: 64)]));
        }, NullLogger.Instance);
        await using var other = new ClientEngine(new EngineSettings(), clock);
        counting.Start();
        await counting.Ready.WaitAsync(TimeSpan.FromSeconds(10));
        counting.Attach(other);

        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(64 * 1024, other.DownloadLimit.BytesPerSecond);
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(1000 * 1024, other.DownloadLimit.BytesPerSecond);
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task Alt_only_rules_turn_alt_speed_on_disabled_rules_do_nothing_and_manual_alt_wins()
    {
        await ChangeRulesAsync(
            Rule(1, ScheduleRule.AllDays, 8 * 60, 9 * 60, down: 1, up: 1, enabled: false),
            Rule(2, ScheduleRule.AllDays, 8 * 60, 9 * 60, altOnly: true),
            Rule(3, Monday, 10 * 60, 11 * 60, down: 700, up: 70));

        Assert.Equal((100 * 1024, 50 * 1024), Rates);
        Assert.Equal("schedule 2 (alt)", follower.Effective!.Source);
        AdvanceTo(0, 9, 0);
        Assert.Equal((1000 * 1024, 500 * 1024), Rates);

        AdvanceTo(3, 10, 0);
        Assert.Equal((700 * 1024, 70 * 1024), Rates);
        await ChangeSettingsAsync(Global with { AltActive = true }, ClientSettingKeys.AltSpeedActive);
        Assert.Equal((100 * 1024, 50 * 1024), Rates);
        await ChangeSettingsAsync(Global, ClientSettingKeys.AltSpeedActive);
        Assert.Equal((700 * 1024, 70 * 1024), Rates);
        await ChangeRulesAsync();
        Assert.Equal((1000 * 1024, 500 * 1024), Rates);
    }

    [Fact]
    public async Task Windows_are_local_wall_clock_time_in_the_silo_time_zone()
    {
        var plusTwo = TimeZoneInfo.CreateCustomTimeZone("test+2", TimeSpan.FromHours(2), "test+2", "test+2");
        clock.SetLocalTimeZone(plusTwo);
        await ChangeRulesAsync(Rule(1, Friday, 12 * 60, 13 * 60, down: 42));

        AdvanceTo(0, 10, 0, less: TimeSpan.FromTicks(1));
        Assert.Equal(1000 * 1024, Rates.Down);
        AdvanceTo(0, 10, 0);
        Assert.Equal(42 * 1024, Rates.Down);
        AdvanceTo(0, 11, 0);
        Assert.Equal(1000 * 1024, Rates.Down);
    }

    [Theory]
    [InlineData(127, 0, 0, "2026-11-27T23:59", true)]
    [InlineData(127, 600, 600, "2026-11-28T09:59", true)]
    [InlineData(127, 600, 600, "2026-11-28T10:00", true)]
    [InlineData(Friday, 600, 600, "2026-11-28T10:00", false)]
    [InlineData(Friday, 600, 600, "2026-11-28T09:59", true)]
    [InlineData(0, 0, 1439, "2026-11-27T12:00", false)]
    [InlineData(Saturday, 0, 1439, "2026-11-28T23:59", false)]
    [InlineData(Saturday, 0, 1439, "2026-11-28T23:58", true)]
    public void Covers_follows_the_day_mask_and_the_minute_bounds(int days, int start, int end, string local, bool covered) =>
        Assert.Equal(covered, BandwidthSchedule.Covers(Rule(1, days, start, end), DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A feed whose events are delivered when the test says, each handler awaited.</summary>
    private sealed class FakeFeed : IRealtimeFeed
    {
        private readonly List<Func<IReadOnlyList<RealtimeEvent>, Task>> handlers = [];

        public event Action? Resumed;

        public IDisposable Subscribe(Func<IReadOnlyList<RealtimeEvent>, Task> handler)
        {
            lock (handlers)
            {
                handlers.Add(handler);
            }
            return new Unsubscribe(() => { lock (handlers) { handlers.Remove(handler); } });
        }

        public async Task PublishAsync(string type, string? subject)
        {
            RealtimeEvent[] batch = [new(Guid.NewGuid().ToString("N"), type, RealtimeTopics.Settings, subject, DateTimeOffset.UnixEpoch, "{}")];
            List<Func<IReadOnlyList<RealtimeEvent>, Task>> current;
            lock (handlers)
            {
                current = [.. handlers];
            }
            foreach (var handler in current)
            {
                await handler(batch);
            }
        }

        public void RaiseResumed() => Resumed?.Invoke();

        private sealed class Unsubscribe(Action action) : IDisposable
        {
            public void Dispose() => action();
        }
    }
}
