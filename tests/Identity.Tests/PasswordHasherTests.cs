namespace Swarmgrid.Identity.Tests;

public sealed class PasswordHasherTests
{
    [Fact]
    public void AHash_VerifiesItsPassword_AndNoOther()
    {
        var hash = PasswordHasher.Hash("correct horse battery staple");

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", hash);
        Assert.True(PasswordHasher.Verify("correct horse battery staple", hash));
        Assert.False(PasswordHasher.Verify("correct horse battery stapler", hash));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void AnEmptyPassword_IsWrong_WithoutThrowing(string? password) =>
        Assert.False(PasswordHasher.Verify(password, PasswordHasher.Hash("something")));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("$argon2id$v=19$m=x,t=2,p=1$c2FsdA$aGFzaA")]
    [InlineData("$argon2id$v=19$t=2$c2FsdA$aGFzaA")]
    [InlineData("$bcrypt$v=19$m=1,t=1,p=1$c2FsdA$aGFzaA")]
    public void AMissingOrMalformedHash_IsWrong_WithoutThrowing(string? encoded) =>
        Assert.False(PasswordHasher.Verify("any password", encoded));
}
