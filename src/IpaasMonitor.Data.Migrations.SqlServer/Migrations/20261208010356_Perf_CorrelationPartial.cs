using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpaasMonitor.Data.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Perf_CorrelationPartial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_CorrelationId_ReceivedAtUtc_Situation",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_CorrelationId_ReceivedAtUtc_Situation",
                table: "Messages",
                columns: new[] { "CorrelationId", "ReceivedAtUtc", "Situation" },
                filter: "\"CorrelationId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_CorrelationId_ReceivedAtUtc_Situation",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_CorrelationId_ReceivedAtUtc_Situation",
                table: "Messages",
                columns: new[] { "CorrelationId", "ReceivedAtUtc", "Situation" });
        }
    }
}
