using Dapper;
using Swarmgrid.Data;
using Swarmgrid.Data.Settings;
using Swarmgrid.GrainInterfaces.Settings;

namespace Swarmgrid.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SettingsGrainTests(ClusterFixture fixture)
{
    private const string Interval = "crawl_interval_seconds";

    private ISettingsGrain NewScope() => fixture.Cluster.GrainFactory.GetGrain<ISettingsGrain>(Guid.NewGuid().ToString("N"));

    private Database OpenDatabase() => new(DatabaseSettings.Create(null, fixture.DataDirectory));

    [Fact]
    public async Task SetOverride_ValidValue_BecomesTheEffectiveValue()
    {
        var settings = NewScope();

        var change = await settings.SetOverrideAsync(Interval, "1800", "tester");

        Assert.Equal(SettingChangeStatus.Applied, change.Status);
        Assert.Equal(new SettingView(Interval, "3600", "1800", true), change.Setting);
        Assert.Contains(new SettingView(Interval, "3600", "1800", true), await settings.GetAllAsync());
    }

    [Theory]
    [InlineData("\"1800\"")]
    [InlineData("18.5")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("59")]
    [InlineData("99999999999")]
    [InlineData("not json")]
    public async Task SetOverride_WrongTypeOrRange_IsRefusedAndChangesNothing(string value)
    {
        var settings = NewScope();

        var change = await settings.SetOverrideAsync(Interval, value, "tester");

        Assert.Equal(SettingChangeStatus.InvalidValue, change.Status);
        Assert.Contains(Interval, change.Error);
        Assert.Contains(new SettingView(Interval, "3600", "3600", false), await settings.GetAllAsync());
    }

    [Fact]
    public async Task SetOverride_UnknownKey_IsNotFound()
    {
        var change = await NewScope().SetOverrideAsync("no_such_setting", "1", "tester");

        Assert.Equal(SettingChangeStatus.UnknownKey, change.Status);
        Assert.Null(change.Setting);
    }

    [Fact]
    public async Task StringAndBooleanSettings_CheckTheirOwnTypes()
    {
        var settings = NewScope();

        Assert.Equal(SettingChangeStatus.Applied, (await settings.SetOverrideAsync("log_level", "\"debug\"", "t")).Status);
        Assert.Equal(SettingChangeStatus.InvalidValue, (await settings.SetOverrideAsync("log_level", "\"verbose\"", "t")).Status);
        Assert.Equal(SettingChangeStatus.Applied, (await settings.SetOverrideAsync("dht_enabled", "false", "t")).Status);
        Assert.Equal(SettingChangeStatus.InvalidValue, (await settings.SetOverrideAsync("dht_enabled", "0", "t")).Status);
    }

    [Fact]
    public async Task RemoveOverride_RestoresTheDefault_AndAnAbsentOverrideIsANoOp()
    {
        var settings = NewScope();
        await settings.SetOverrideAsync(Interval, "1800", "tester");

        var removed = await settings.RemoveOverrideAsync(Interval, "tester");
        var again = await settings.RemoveOverrideAsync(Interval, "tester");

        Assert.Equal(new SettingView(Interval, "3600", "3600", false), removed.Setting);
        Assert.Equal(SettingChangeStatus.Applied, again.Status);
        Assert.Equal(SettingChangeStatus.UnknownKey, (await settings.RemoveOverrideAsync("nope", "tester")).Status);
    }

    [Fact]
    public async Task EachChange_IsWrittenToTheAuditReadModel()
    {
        var settings = NewScope();
        var value = Random.Shared.Next(60, 600_000).ToString();

        await settings.SetOverrideAsync(Interval, value, "auditor");
        await settings.RemoveOverrideAsync(Interval, "auditor");

        await using var database = OpenDatabase();
        var records = await new SettingsAuditLog(database).ListAsync(1000);
        var set = Assert.Single(records, r => r.Action == "override_set" && r.NewValue == value);
        var removed = Assert.Single(records, r => r.Action == "override_removed" && r.OldValue == value);
        Assert.Equal(("3600", "auditor"), (set.OldValue, set.ChangedBy));
        Assert.Equal("3600", removed.NewValue);
    }

    [Fact]
    public async Task AuditRecord_WhenTheReadModelRefuses_IsKeptAndWrittenLater()
    {
        var settings = NewScope();
        var first = Random.Shared.Next(60, 600_000).ToString();
        var second = Random.Shared.Next(60, 600_000).ToString();
        await using var database = OpenDatabase();
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("ALTER TABLE settings_audit RENAME TO settings_audit_away");
        }

        var whileBroken = await settings.SetOverrideAsync(Interval, first, "tester");

        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("ALTER TABLE settings_audit_away RENAME TO settings_audit");
        }
        await settings.SetOverrideAsync(Interval, second, "tester");

        Assert.Equal(SettingChangeStatus.Applied, whileBroken.Status);
        var records = await new SettingsAuditLog(database).ListAsync(1000);
        Assert.Single(records, r => r.NewValue == first);
        Assert.Single(records, r => r.OldValue == first && r.NewValue == second);
    }

    [Fact]
    public async Task SetOverrides_AppliesAllOrNone_AndAuditsOnlyWhatChanged()
    {
        var settings = NewScope();

        var refused = await settings.SetOverridesAsync(new Dictionary<string, string>
        {
            ["alt_download_limit_kib"] = "100",
            ["alt_upload_limit_kib"] = "-1",
        }, "tester");
        var applied = await settings.SetOverridesAsync(new Dictionary<string, string>
        {
            ["alt_download_limit_kib"] = "100",
            ["alt_speed_active"] = "true",
        }, "batcher");
        var again = await settings.SetOverridesAsync(new Dictionary<string, string>
        {
            ["alt_download_limit_kib"] = "100",
            ["alt_speed_active"] = "false",
        }, "batcher");

        Assert.Equal(SettingChangeStatus.InvalidValue, refused.Status);
        Assert.Contains("alt_upload_limit_kib", refused.Error);
        Assert.Equal(SettingChangeStatus.Applied, applied.Status);
        Assert.Equal(["100", "true"], applied.Settings.Select(s => s.ValueJson));
        Assert.Equal(["100", "false"], again.Settings.Select(s => s.ValueJson));
        var all = await settings.GetAllAsync();
        Assert.Equal("0", all.Single(s => s.Key == "alt_upload_limit_kib").ValueJson);
        await using var database = OpenDatabase();
        var records = (await new SettingsAuditLog(database).ListAsync(1000)).Where(r => r.ChangedBy == "batcher").ToList();
        Assert.Equal(3, records.Count(r => r.Key is "alt_download_limit_kib" or "alt_speed_active"));
        Assert.Equal(SettingChangeStatus.UnknownKey, (await settings.SetOverridesAsync(new Dictionary<string, string> { ["nope"] = "1" }, "t")).Status);
    }

    [Theory]
    [InlineData("\"\"", true)]
    [InlineData("\"/srv/downloads\"", true)]
    [InlineData("\"relative/path\"", false)]
    [InlineData("\"/with\\u0000nul\"", false)]
    [InlineData("42", false)]
    public async Task DefaultSavePath_IsEmptyOrAnAbsolutePath(string value, bool accepted)
    {
        var change = await NewScope().SetOverrideAsync("default_save_path", value, "tester");

        Assert.Equal(accepted ? SettingChangeStatus.Applied : SettingChangeStatus.InvalidValue, change.Status);
    }

    [Fact]
    public async Task Toggle_FlipsABooleanOncePerCall_AndRefusesOtherKinds()
    {
        var settings = NewScope();

        var flips = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => settings.ToggleAsync("alt_speed_active", "tester").AsTask()));

        Assert.Equal(3, flips.Count(f => f.Setting!.ValueJson == "true"));
        Assert.Equal("true", (await settings.GetAllAsync()).Single(s => s.Key == "alt_speed_active").ValueJson);
        Assert.Equal(SettingChangeStatus.InvalidValue, (await settings.ToggleAsync(Interval, "tester")).Status);
        Assert.Equal(SettingChangeStatus.UnknownKey, (await settings.ToggleAsync("nope", "tester")).Status);
    }
}
